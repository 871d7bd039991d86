package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reply buffer's non-blocking send, over a real loopback TCP connection: when the peer does
 * not read, the kernel's buffers fill, a write takes only part of the replies, and the rest waits
 * in the reply buffer (Redis's {@code sentlen}) until the socket drains. Lab 7's event loop relies
 * on it.
 */
class PartialWriteTest {
    /** Far more than the loopback socket buffers hold, so the first write must be partial. */
    private static final int REPLY_BYTES = 16 * 1024 * 1024;

    private ServerSocketChannel listener;
    private SocketChannel server;
    private SocketChannel peer;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = SocketChannel.open(listener.getLocalAddress());
        server = listener.accept();
        server.configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        peer.close();
        listener.close();
    }

    @Test
    void aFullSocketTakesPartOfTheRepliesAndTheRestIsSentLaterInOrder() throws IOException {
        byte[] payload = new byte[REPLY_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        ReplyWriter replies = new ReplyWriter();
        replies.bulk(payload);
        int total = replies.size();

        int first = replies.writeTo(server);

        assertThat(first).isPositive().isLessThan(total);
        assertThat(replies.sentBytes()).isEqualTo(first);
        assertThat(replies.hasPending()).isTrue();
        assertThat(replies.writeTo(server)).as("nothing more fits until the peer reads").isZero();

        // A reply appended meanwhile goes after the pending bytes.
        replies.raw(ReplyWriter.PONG);
        total += ReplyWriter.PONG.length;

        ByteBuffer received = ByteBuffer.allocate(total);
        while (received.hasRemaining()) {
            peer.read(received); // blocking: returns as soon as some bytes are there
            replies.writeTo(server);
        }

        assertThat(replies.hasPending()).isFalse();
        assertThat(replies.size()).as("emptied once everything went").isZero();
        byte[] expected = new ReplyWriter().bulk(payload).raw(ReplyWriter.PONG).toByteArray();
        assertThat(Arrays.equals(received.array(), expected)).as("the bytes, in order").isTrue();
    }

    @Test
    void truncateDropsWhatWasAppendedAfterTheMarkButNeverWhatWasSent() {
        ReplyWriter replies = new ReplyWriter().raw(ReplyWriter.OK);
        int mark = replies.size();
        replies.arrayHeader(2).bulk("half");

        replies.truncate(mark);
        replies.error("ERR instead");

        assertThat(new String(replies.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("+OK\r\n-ERR instead\r\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replies.truncate(replies.size() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQueryBufferReadsFromAChannelToo() throws IOException {
        peer.write(ByteBuffer.wrap("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        server.configureBlocking(true);
        QueryBuffer query = new QueryBuffer();

        int n = query.readFrom(server);

        assertThat(n).isEqualTo(6);
        assertThat(query.toString()).isEqualTo("PING\\r\\n");
        peer.shutdownOutput();
        assertThat(query.readFrom(server)).as("end of stream").isEqualTo(-1);
    }
}
