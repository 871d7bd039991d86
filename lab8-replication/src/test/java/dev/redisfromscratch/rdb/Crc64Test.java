package dev.redisfromscratch.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {
    @Test
    void checkValueOf123456789IsRedisJonesCrc() {
        assertThat(Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void theSmallestRdbFileEndsWithTheCrcOfWhatComesBefore() {
        // REDIS0009, EOF, CRC64 little-endian (from redis-behaviour.md, a file Redis 7.0 loads)
        byte[] file = HexFormat.of().parseHex("5245444953303030 39ff 9aac7abcfb0fad74".replace(" ", ""));
        long crc = Crc64.update(0, file, 0, 10);
        long stored = 0;
        for (int i = 0; i < 8; i++) {
            stored |= (file[10 + i] & 0xFFL) << (8 * i);
        }
        assertThat(crc).isEqualTo(stored);
    }

    @Test
    void eightBytesAtATimeEqualsOneAtATimeForEveryLengthAndOffset() {
        byte[] data = new byte[300];
        new Random(7).nextBytes(data);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length + offset <= data.length; length += 13) {
                long bytewise = 0;
                for (int i = offset; i < offset + length; i++) {
                    bytewise = Crc64.update(bytewise, data[i]);
                }
                assertThat(Crc64.update(0, data, offset, length)).as("offset %d length %d", offset, length).isEqualTo(bytewise);
            }
        }
    }

    @Test
    void crcOfPartsChainsToTheCrcOfTheWhole() {
        byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        long chained = Crc64.update(Crc64.update(0, data, 0, 333), data, 333, 667);
        assertThat(chained).isEqualTo(Crc64.of(data));
    }
}
