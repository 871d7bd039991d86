/**
 * The RDB snapshot format as Redis 7.0 reads and writes it (RDB version 10): the writer a primary
 * sends on a full resync, the reader a replica loads it with, CRC64 and LZF.
 *
 * <p>Redis: {@code rdb.c}, {@code rdb.h}, {@code crc64.c}, {@code lzf_c.c}, {@code lzf_d.c}; the format is described
 * in {@code rdb.h}'s opcode and type constants.
 */
package dev.redisfromscratch.rdb;
