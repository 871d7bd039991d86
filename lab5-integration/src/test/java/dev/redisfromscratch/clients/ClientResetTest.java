package dev.redisfromscratch.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.protocol.InlineFramer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClientReset}: what {@code RESET} does itself, and the hooks other features register. */
class ClientResetTest {
    @Test
    void resetSelectsDatabaseZeroRunsTheHooksThenClearsTheNameAndTheStateFlags() {
        Client client = new Client("127.0.0.1:1", new InlineFramer());
        client.db(5);
        client.name("app");
        client.set(ClientFlag.MULTI);
        client.set(ClientFlag.PUBSUB);
        ClientReset reset = new ClientReset();
        List<String> seen = new ArrayList<>();
        reset.onReset(c -> seen.add("transactions saw MULTI=" + c.has(ClientFlag.MULTI) + " db=" + c.db()));
        reset.onReset(c -> seen.add("pubsub saw PUBSUB=" + c.has(ClientFlag.PUBSUB)));
        reset.reset(client);
        assertThat(seen).containsExactly("transactions saw MULTI=true db=0", "pubsub saw PUBSUB=true");
        assertThat(client.db()).isZero();
        assertThat(client.name()).isNull();
        assertThat(client.has(ClientFlag.MULTI)).isFalse();
        assertThat(client.has(ClientFlag.PUBSUB)).isFalse();
    }
}
