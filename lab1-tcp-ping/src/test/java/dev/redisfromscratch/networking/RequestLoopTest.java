package dev.redisfromscratch.networking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.server.PingServer;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The request loop on its own, with no socket: what lab 5's threads and lab 7's event loop call
 * after they have read bytes into a client's query buffer.
 */
@Stage(lab = 1, value = 2)
class RequestLoopTest {
    private final RequestLoop requests = new RequestLoop(InlineFramer::new,
            new CommandPipeline(PingServer.commands(), CommandPipeline.NEVER_DIRTY));

    @Test
    void everyWholeRequestRunsAndAHalfOneWaitsForMoreBytes() {
        Client client = requests.newClient("127.0.0.1:1");
        client.query().append(bytes("PING\r\nECHO a\r\nPI"));

        assertThat(requests.processInputBuffer(client)).isTrue();
        assertThat(replies(client)).isEqualTo("+PONG\r\n$1\r\na\r\n");

        client.reply().reset();
        client.query().append(bytes("NG\r\n"));
        assertThat(requests.processInputBuffer(client)).isTrue();
        assertThat(replies(client)).isEqualTo("+PONG\r\n");
    }

    @Test
    void nothingAfterQuitRunsAndTheClientIsToBeClosed() {
        Client client = requests.newClient("127.0.0.1:1");
        client.query().append(bytes("QUIT\r\nPING\r\n"));

        assertThat(requests.processInputBuffer(client)).isFalse();
        assertThat(replies(client)).isEqualTo("+OK\r\n");
        assertThat(client.has(ClientFlag.CLOSE_AFTER_REPLY)).isTrue();
    }

    @Test
    void aProtocolErrorIsRepliedAfterTheGoodRequestsBeforeIt() {
        Client client = requests.newClient("127.0.0.1:1");
        client.query().append(bytes("PING\r\nECHO \"open\r\nPING\r\n"));

        assertThat(requests.processInputBuffer(client)).isFalse();
        assertThat(replies(client)).isEqualTo("+PONG\r\n-ERR Protocol error: unbalanced quotes in request\r\n");
        assertThat(client.query().readable()).isZero();
    }

    @Test
    void eachClientHasItsOwnIdBuffersFramerAndState() {
        Client a = requests.newClient("127.0.0.1:1");
        Client b = requests.newClient("127.0.0.1:2");

        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(a.query()).isNotSameAs(b.query());
        assertThat(a.reply()).isNotSameAs(b.reply());
        assertThat(a.framer()).isNotSameAs(b.framer());
        StringBuilder state = a.state(StringBuilder.class, StringBuilder::new).append("queued");
        assertThat(a.state(StringBuilder.class, StringBuilder::new)).isSameAs(state);
        assertThat(b.state(StringBuilder.class, StringBuilder::new)).isEmpty();
        a.name("worker-1");
        assertThat(a).hasToString("client id=" + a.id() + " addr=127.0.0.1:1 name=worker-1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String replies(Client client) {
        return new String(client.reply().toByteArray(), StandardCharsets.ISO_8859_1);
    }
}
