package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The snapshot after +FULLRESYNC, in both of Redis's forms and in pieces as the socket gives them. */
class SyncPayloadTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int feed(SyncPayload p, String s) throws IOException {
        byte[] b = ascii(s);
        return p.feed(b, 0, b.length);
    }

    @Test
    void aLengthPrefixedSnapshotInPiecesThenTheStream() throws IOException {
        SyncPayload p = new SyncPayload();
        assertThat(feed(p, "\n\n$")).isEqualTo(3); // keep-alives, then half a header
        assertThat(p.started()).isFalse();
        assertThat(feed(p, "9\r\nREDIS")).isEqualTo(8);
        assertThat(p.announcedLength()).isEqualTo(9);
        assertThat(p.done()).isFalse();
        assertThat(feed(p, "0010*1\r\n$4\r\nPING\r\n")).isEqualTo(4); // the rest is the stream's
        assertThat(p.done()).isTrue();
        assertThat(new String(p.snapshot(), StandardCharsets.ISO_8859_1)).isEqualTo("REDIS0010");
    }

    @Test
    void aStreamedSnapshotEndsWithItsMark() throws IOException {
        String mark = "0123456789012345678901234567890123456789";
        SyncPayload p = new SyncPayload();
        feed(p, "$EOF:" + mark + "\r\nREDIS0010abc");
        assertThat(p.eofMarked()).isTrue();
        assertThat(p.done()).isFalse();
        feed(p, "def" + mark.substring(0, 20));
        assertThat(p.done()).isFalse();
        feed(p, mark.substring(20));
        assertThat(p.done()).isTrue();
        assertThat(new String(p.snapshot(), StandardCharsets.ISO_8859_1)).isEqualTo("REDIS0010abcdef");
    }

    @Test
    void anErrorOrAnythingButABulkIsRefused() {
        assertThatThrownBy(() -> feed(new SyncPayload(), "-ERR no\r\n"))
                .hasMessage("MASTER aborted replication with an error: ERR no");
        assertThatThrownBy(() -> feed(new SyncPayload(), "+OK\r\n"))
                .hasMessage("Bad protocol from MASTER, the first byte is not '$' (we received '+OK'), "
                        + "are you sure the host and port are right?");
    }
}
