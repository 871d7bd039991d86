package dev.redisfromscratch.resp;

/**
 * One RESP2 value, as it travels between client and server. The interface is sealed: these seven
 * records are every shape RESP2 has, and each has its own one-line wire format.
 *
 * <pre>
 *   SimpleString     +OK\r\n                          one line of text, no CR or LF
 *   SimpleError      -ERR syntax error\r\n            one line: error code, space, message
 *   RespInteger      :42\r\n                          a signed 64-bit integer
 *   BulkString       $5\r\nhello\r\n                   length-prefixed, binary-safe bytes
 *   NullBulkString   $-1\r\n                          "no value" (GET on a missing key)
 *   RespArray        *2\r\n:1\r\n$1\r\na\r\n           a count, then that many values (any type)
 *   NullArray        *-1\r\n                          "no array" (LPOP k 1 on a missing key)
 * </pre>
 *
 * <p>A request is always an array of bulk strings; a reply can be any of them. Parsing is done by
 * {@link RespRequestDecoder} (requests) and {@link RespReplyParser} (replies); writing by
 * {@link RespSerializer}. {@link Protocol} is the one class most code needs.
 *
 * <p>Redis: the RESP2 specification (redis.io, "Redis serialization protocol specification"); in
 * the server, {@code networking.c} writes every type with its {@code addReply*} functions.
 */
public sealed interface RespValue
        permits SimpleString, SimpleError, RespInteger, BulkString, NullBulkString, RespArray, NullArray {
}
