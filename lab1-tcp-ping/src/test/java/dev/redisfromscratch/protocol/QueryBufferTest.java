package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class QueryBufferTest {

    @Test
    void keepsUnreadBytesAcrossCompactionAndGrowth() throws Exception {
        QueryBuffer q = new QueryBuffer();
        byte[] chunk = new byte[QueryBuffer.READ_CHUNK];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) i;
        }
        q.append(chunk);
        q.skip(10);
        q.append(chunk); // forces compaction, then growth
        assertThat(q.readable()).isEqualTo(2 * chunk.length - 10);
        assertThat(q.get(0)).isEqualTo((byte) 10);
        assertThat(q.get(chunk.length - 10)).isEqualTo((byte) 0);
    }

    @Test
    void readFromReportsEndOfStream() throws Exception {
        QueryBuffer q = new QueryBuffer();
        ByteArrayInputStream in = new ByteArrayInputStream("PING\r\n".getBytes());
        assertThat(q.readFrom(in)).isEqualTo(6);
        assertThat(q.readFrom(in)).isEqualTo(-1);
        assertThat(q.indexOf((byte) '\n', 0)).isEqualTo(5);
    }

    @Test
    void cannotSkipMoreThanIsReadable() {
        QueryBuffer q = new QueryBuffer();
        q.append(new byte[3]);
        assertThatThrownBy(() -> q.skip(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
