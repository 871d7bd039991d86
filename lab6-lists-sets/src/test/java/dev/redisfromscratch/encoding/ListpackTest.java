package dev.redisfromscratch.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listpack's byte layout and operations, against a plain list as the model. Given code. */
class ListpackTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ofLength(int n) {
        byte[] v = new byte[n];
        Arrays.fill(v, (byte) 'x');
        if (n > 0) {
            v[n - 1] = 'y';
        }
        return v;
    }

    private static List<String> contents(byte[] lp) {
        List<String> out = new ArrayList<>();
        Listpack.forEach(lp, v -> out.add(new String(v, StandardCharsets.ISO_8859_1)));
        return out;
    }

    private static List<String> backwards(byte[] lp) {
        List<String> out = new ArrayList<>();
        for (int pos = Listpack.last(lp); pos >= 0; pos = Listpack.prev(lp, pos)) {
            out.add(0, new String(Listpack.get(lp, pos), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void anEmptyListpackIsAHeaderAndTheEndMarker() {
        byte[] lp = Listpack.empty();
        assertThat(lp).containsExactly(0, 0, 0, 0, 0xFF);
        assertThat(Listpack.count(lp)).isZero();
        assertThat(Listpack.first(lp)).isEqualTo(-1);
        assertThat(Listpack.last(lp)).isEqualTo(-1);
        assertThat(Listpack.seek(lp, 0)).isEqualTo(-1);
        assertThat(Listpack.getIndex(lp, -1)).isNull();
    }

    @Test
    void shortStringsAndSmallIntegersHaveRedisEncodings() {
        byte[] lp = Listpack.append(Listpack.empty(), b("ab"));
        // 10xxxxxx length 2, "ab", backlen 3
        assertThat(lp).containsExactly(1, 0, 0, 0, 0x82, 'a', 'b', 3, 0xFF);
        lp = Listpack.append(Listpack.empty(), b("100"));
        // 0xxxxxxx 100, backlen 1
        assertThat(lp).containsExactly(1, 0, 0, 0, 100, 1, 0xFF);
        lp = Listpack.append(Listpack.empty(), b("-1"));
        // 110xxxxx yyyyyyyy: -1 in 13 bits, backlen 2
        assertThat(lp).containsExactly(1, 0, 0, 0, 0xDF, 0xFF, 2, 0xFF);
        assertThat(Listpack.getIndex(lp, 0)).isEqualTo(b("-1"));
    }

    @Test
    void aLongBacklenIsReadBackwards() {
        byte[] lp = Listpack.append(Listpack.empty(), ofLength(200));
        // 1110xxxx yyyyyyyy length 200, then L = 202 written as 0x01 0xCA
        assertThat(lp[4] & 0xFF).isEqualTo(0xE0);
        assertThat(lp[5] & 0xFF).isEqualTo(200);
        assertThat(lp[lp.length - 3]).isEqualTo((byte) 0x01);
        assertThat(lp[lp.length - 2] & 0xFF).isEqualTo(0xCA);
        assertThat(Listpack.last(lp)).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 62, 63, 64, 125, 126, 127, 128, 129, 4094, 4095, 4096, 16380, 16381, 16382, 16383, 16384, 70000})
    void stringsOfEveryEdgeLengthRoundTripFromBothEnds(int length) {
        byte[] v = ofLength(length);
        byte[] lp = Listpack.empty();
        lp = Listpack.append(lp, b("head"));
        lp = Listpack.append(lp, v);
        lp = Listpack.append(lp, b("7"));
        lp = Listpack.prepend(lp, v);
        assertThat(Listpack.count(lp)).isEqualTo(4);
        assertThat(Listpack.bytes(lp)).isEqualTo(5 + 2 * Listpack.entrySize(v)
                + Listpack.entrySize(b("head")) + Listpack.entrySize(b("7")));
        assertThat(Listpack.getIndex(lp, 0)).isEqualTo(v);
        assertThat(Listpack.getIndex(lp, 2)).isEqualTo(v);
        assertThat(Listpack.getIndex(lp, -2)).isEqualTo(v);
        assertThat(Listpack.getIndex(lp, -1)).isEqualTo(b("7"));
        assertThat(backwards(lp)).isEqualTo(contents(lp));
        assertThat(Listpack.find(lp, v)).isEqualTo(Listpack.first(lp));
        lp = Listpack.delete(lp, Listpack.seek(lp, 0));
        assertThat(contents(lp)).containsExactly("head", new String(v, StandardCharsets.ISO_8859_1), "7");
        assertThat(backwards(lp)).isEqualTo(contents(lp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "127", "128", "-1", "4095", "4096", "-4096", "-4097", "32767", "32768",
        "-32768", "-32769", "8388607", "8388608", "-8388608", "-8388609", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808"})
    void integersRoundTripAsTheirDecimalBytes(String n) {
        byte[] lp = Listpack.append(Listpack.append(Listpack.empty(), b(n)), b("x"));
        assertThat(Listpack.getIndex(lp, 0)).isEqualTo(b(n));
        assertThat(Listpack.prev(lp, Listpack.last(lp))).isEqualTo(Listpack.first(lp));
        assertThat(Listpack.find(lp, b(n))).isEqualTo(Listpack.first(lp));
        assertThat(Listpack.entrySize(b(n))).isLessThanOrEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "-0", "007", "+1", " 1", "1 ", "1e3", "9223372036854775808",
        "-9223372036854775809", "12345678901234567890123"})
    void nonCanonicalNumbersStayStrings(String s) {
        assertThat(Listpack.isCanonicalInteger(b(s))).isFalse();
        byte[] lp = Listpack.append(Listpack.empty(), b(s));
        assertThat(Listpack.getIndex(lp, 0)).isEqualTo(b(s));
        assertThat(Listpack.find(lp, b(s))).isEqualTo(Listpack.first(lp));
    }

    @Test
    void findComparesBytesAcrossEncodings() {
        byte[] lp = Listpack.empty();
        for (String s : List.of("10", "010", "abc", "-5")) {
            lp = Listpack.append(lp, b(s));
        }
        assertThat(Listpack.find(lp, b("010"))).isEqualTo(Listpack.seek(lp, 1));
        assertThat(Listpack.find(lp, b("10"))).isEqualTo(Listpack.seek(lp, 0));
        assertThat(Listpack.find(lp, b("-5"))).isEqualTo(Listpack.seek(lp, 3));
        assertThat(Listpack.find(lp, b("ab"))).isEqualTo(-1);
        assertThat(Listpack.find(lp, b("5"))).isEqualTo(-1);
    }

    @Test
    void insertReplaceAndDeleteRangeFollowTheModel() {
        Random random = new Random(6);
        List<String> model = new ArrayList<>();
        byte[] lp = Listpack.empty();
        for (int step = 0; step < 3000; step++) {
            String value = switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(100_000) - 50_000);
                case 1 -> "s" + random.nextInt(1000);
                case 2 -> "x".repeat(random.nextInt(300));
                default -> Long.toString(random.nextLong());
            };
            int op = random.nextInt(7);
            if (model.isEmpty() || op == 0) {
                lp = Listpack.append(lp, b(value));
                model.add(value);
            } else if (op == 1) {
                lp = Listpack.prepend(lp, b(value));
                model.add(0, value);
            } else {
                int i = random.nextInt(model.size());
                int pos = Listpack.seek(lp, random.nextBoolean() ? i : i - model.size());
                switch (op) {
                    case 2 -> { lp = Listpack.insertBefore(lp, pos, b(value)); model.add(i, value); }
                    case 3 -> { lp = Listpack.insertAfter(lp, pos, b(value)); model.add(i + 1, value); }
                    case 4 -> { lp = Listpack.replace(lp, pos, b(value)); model.set(i, value); }
                    case 5 -> { lp = Listpack.delete(lp, pos); model.remove(i); }
                    default -> {
                        int n = random.nextInt(4);
                        lp = Listpack.deleteRange(lp, i, n);
                        model.subList(i, Math.min(model.size(), i + n)).clear();
                    }
                }
            }
            assertThat(Listpack.count(lp)).isEqualTo(model.size());
        }
        assertThat(contents(lp)).isEqualTo(model);
        assertThat(backwards(lp)).isEqualTo(model);
    }

    @Test
    void deleteRangeCountsFromTheTailForANegativeIndex() {
        byte[] lp = Listpack.empty();
        for (String s : List.of("a", "b", "c", "d")) {
            lp = Listpack.append(lp, b(s));
        }
        assertThat(contents(Listpack.deleteRange(lp, -2, 10))).containsExactly("a", "b");
        assertThat(contents(Listpack.deleteRange(lp, 5, 1))).containsExactly("a", "b", "c", "d");
        assertThat(contents(Listpack.deleteRange(lp, 0, 0))).containsExactly("a", "b", "c", "d");
    }

    @Test
    void readsAreCopies() {
        byte[] lp = Listpack.append(Listpack.empty(), b("abc"));
        byte[] got = Listpack.getIndex(lp, 0);
        got[0] = 'z';
        assertThat(Listpack.getIndex(lp, 0)).isEqualTo(b("abc"));
    }

    @Test
    void sixteenKilobyteEntries() {
        byte[] big = ofLength(16 * 1024);
        byte[] lp = Listpack.empty();
        for (int i = 0; i < 5; i++) {
            lp = Listpack.append(lp, big);
            lp = Listpack.prepend(lp, b(Integer.toString(i)));
        }
        assertThat(Listpack.count(lp)).isEqualTo(10);
        assertThat(Listpack.getIndex(lp, -1)).isEqualTo(big);
        assertThat(Listpack.getIndex(lp, 4)).isEqualTo(b("0"));
        assertThat(backwards(lp)).isEqualTo(contents(lp));
    }
}
