/** Lab 8's JMH benchmarks: the backlog, the RDB codec, the stream's encoding. */
package dev.redisfromscratch.replication;
