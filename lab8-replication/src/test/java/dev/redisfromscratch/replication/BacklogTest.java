package dev.redisfromscratch.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The backlog: a circular buffer of the stream's last bytes, addressed by stream offsets (the
 * first byte of the stream is offset 1), which {@code PSYNC} reads from.
 */
@Stage(lab = 8, value = 2)
class BacklogTest {
    @Test
    @Points(1)
    void anEmptyBacklogCoversOnlyTheNextByte() {
        Backlog b = new Backlog(16, 100);
        assertThat(b.firstByteOffset()).isEqualTo(101);
        assertThat(b.historyLength()).isZero();
        assertThat(b.covers(101)).as("nothing to send yet, but nothing missing").isTrue();
        assertThat(b.copyFrom(101)).isEmpty();
        assertThat(b.covers(100)).as("a byte before the backlog").isFalse();
        assertThat(b.covers(102)).as("a byte the stream has not produced").isFalse();
    }

    @Test
    @Points(1)
    void appendedBytesAreCopiedFromAnyHeldOffset() {
        Backlog b = new Backlog(16, 0);
        b.append(bytes("hello"), 0, 5);
        b.append(bytes("xxworldxx"), 2, 5);
        assertThat(b.historyLength()).isEqualTo(10);
        assertThat(b.endOffset()).isEqualTo(10);
        assertThat(text(b.copyFrom(1))).isEqualTo("helloworld");
        assertThat(text(b.copyFrom(6))).isEqualTo("world");
        assertThat(text(b.copyFrom(11))).isEmpty();
        assertThat(b.covers(12)).isFalse();
    }

    @Test
    @Points(1)
    void onceFullTheOldestBytesAreOverwrittenAndNoLongerCovered() {
        Backlog b = new Backlog(8, 0);
        b.append(bytes("abcdef"), 0, 6);
        b.append(bytes("ghijk"), 0, 5); // wraps: abc overwritten
        assertThat(b.historyLength()).isEqualTo(8);
        assertThat(b.firstByteOffset()).isEqualTo(4);
        assertThat(b.covers(3)).isFalse();
        assertThat(text(b.copyFrom(4))).isEqualTo("defghijk");
        assertThat(text(b.copyFrom(9))).isEqualTo("ijk");
        assertThatThrownBy(() -> b.copyFrom(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Points(1)
    void anAppendLargerThanTheBacklogKeepsItsLastBytes() {
        Backlog b = new Backlog(4, 10);
        b.append(bytes("ab"), 0, 2);
        b.append(bytes("0123456789"), 0, 10);
        assertThat(b.firstByteOffset()).isEqualTo(19);
        assertThat(b.endOffset()).isEqualTo(22);
        assertThat(text(b.copyFrom(19))).isEqualTo("6789");
    }

    @Test
    void resizingKeepsTheNewestBytes() {
        Backlog b = new Backlog(8, 0);
        b.append(bytes("abcdefghij"), 0, 10);
        b.resize(4);
        assertThat(b.firstByteOffset()).isEqualTo(7);
        assertThat(text(b.copyFrom(7))).isEqualTo("ghij");
        b.resize(16);
        b.append(bytes("kl"), 0, 2);
        assertThat(text(b.copyFrom(7))).isEqualTo("ghijkl");
    }

    /** Whatever the appends, the backlog holds the stream's last min(written, capacity) bytes. */
    @Property(tries = 300)
    void itAlwaysHoldsTheLastBytesOfTheStream(@ForAll @IntRange(min = 1, max = 64) int capacity,
                                              @ForAll @Size(max = 30) java.util.List<@IntRange(min = 0, max = 100) Integer> appends) {
        Backlog b = new Backlog(capacity, 7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte next = 0;
        for (int len : appends) {
            byte[] chunk = new byte[len];
            for (int i = 0; i < len; i++) {
                chunk[i] = next++;
            }
            b.append(chunk, 0, len);
            all.write(chunk, 0, len);
        }
        byte[] stream = all.toByteArray();
        int held = Math.min(stream.length, capacity);
        assertThat(b.historyLength()).isEqualTo(held);
        assertThat(b.endOffset()).isEqualTo(7 + stream.length);
        assertThat(b.copyFrom(b.firstByteOffset()))
                .isEqualTo(java.util.Arrays.copyOfRange(stream, stream.length - held, stream.length));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
