/**
 * Lab 7's benchmarks: round trips through the event loop against lab 5's thread per client and a
 * real Redis, by number of clients and pipeline depth ({@link dev.redisfromscratch.eventloop.EventLoopBenchmark}).
 */
package dev.redisfromscratch.eventloop;
