package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
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

    @Test
    void aNewBufferHoldsNoArrayUntilItReads() throws Exception {
        QueryBuffer q = new QueryBuffer();
        assertThat(q.array()).isEmpty();
        q.readFrom(new ByteArrayInputStream("PING\r\n".getBytes()));
        assertThat(q.array()).hasSize(QueryBuffer.READ_CHUNK);
    }

    @Test
    void wholeRequestsReadIntoTheSharedArrayLeaveNoArrayBehind() throws Exception {
        byte[] shared = new byte[QueryBuffer.READ_CHUNK];
        QueryBuffer q = new QueryBuffer();
        assertThat(q.readFrom(Channels.newChannel(new ByteArrayInputStream("PING\r\n".getBytes())), shared)).isEqualTo(6);
        assertThat(q.array()).isSameAs(shared);
        q.skip(6); // the request ran
        q.returnShared(shared);
        assertThat(q.array()).isEmpty();
        assertThat(q.readable()).isZero();
    }

    @Test
    void anUnfinishedRequestIsCopiedOutOfTheSharedArrayAndTheNextReadAppendsToIt() throws Exception {
        byte[] shared = new byte[QueryBuffer.READ_CHUNK];
        QueryBuffer q = new QueryBuffer();
        q.readFrom(Channels.newChannel(new ByteArrayInputStream("PING\r\nEC".getBytes())), shared);
        q.skip(6);
        q.returnShared(shared);
        assertThat(q.array()).isNotSameAs(shared);
        shared[0] = 'X'; // another client reads into the shared array
        q.readFrom(Channels.newChannel(new ByteArrayInputStream("HO a\r\n".getBytes())), shared);
        assertThat(q.toString()).isEqualTo("ECHO a\\r\\n");
        q.skip(q.readable());
        assertThat(q.releaseIfEmpty()).isTrue();
        assertThat(q.array()).isEmpty();
        assertThat(q.releaseIfEmpty()).isFalse();
    }
}
