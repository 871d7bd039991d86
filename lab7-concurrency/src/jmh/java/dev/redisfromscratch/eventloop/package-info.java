/** Lab 7's benchmarks: the event loop against lab 5's threads and a real Redis. */
package dev.redisfromscratch.eventloop;
