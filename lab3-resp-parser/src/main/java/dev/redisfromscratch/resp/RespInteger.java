package dev.redisfromscratch.resp;

/**
 * An integer reply: {@code :<n>\r\n}, for example {@code :1\r\n} from DEL or {@code :-2\r\n} from
 * TTL on a missing key. Redis integers are signed 64-bit.
 *
 * @param value the integer
 */
public record RespInteger(long value) implements RespValue {
}
