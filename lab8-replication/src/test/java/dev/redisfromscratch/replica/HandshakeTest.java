package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handshake's state machine, one reply at a time: what it sends, what it tolerates, what it logs. */
@Stage(lab = 8, value = 1)
class HandshakeTest {
    private static final String ID = "8de2ab3b50b9bd6a1e43d5ea0de8e2f0e5a4b6c1";
    private final List<String> log = new ArrayList<>();

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
    }

    private Handshake throughReplconf(Handshake h) {
        h.start();
        h.onReply("+PONG");
        assertThat(h.onReply("+OK").send()).isNull();
        return h;
    }

    @Test
    @Points(1)
    void aFirstSyncAsksPsyncQuestionMarkMinusOne() {
        Handshake h = new Handshake(6380, null, 0, log::add);
        assertThat(text(h.start())).isEqualTo("*1\r\n$4\r\nPING\r\n");
        assertThat(text(h.onReply("+PONG").send())).isEqualTo(
                "*3\r\n$8\r\nREPLCONF\r\n$14\r\nlistening-port\r\n$4\r\n6380\r\n"
                        + "*5\r\n$8\r\nREPLCONF\r\n$4\r\ncapa\r\n$3\r\neof\r\n$4\r\ncapa\r\n$6\r\npsync2\r\n");
        assertThat(h.onReply("+OK").send()).isNull();
        assertThat(text(h.onReply("+OK").send())).isEqualTo("*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n");
        assertThat(h.onReply("").finished()).isFalse(); // a keep-alive newline
        Handshake.Step full = h.onReply("+FULLRESYNC " + ID + " 1234");
        assertThat(full.fullResync()).isEqualTo(ID);
        assertThat(full.fullResyncOffset()).isEqualTo(1234);
        assertThat(h.state()).isEqualTo(Handshake.State.DONE);
        assertThat(log).containsExactly("Master replied to PING, replication can continue...",
                "Partial resynchronization not possible (no cached master)",
                "Full resync from master: " + ID + ":1234");
    }

    @Test
    @Points(1)
    void aCachedPrimaryAsksToContinueAfterItsOffset() {
        Handshake h = throughReplconf(new Handshake(6380, ID, 99, log::add));
        assertThat(text(h.onReply("+OK").send()))
                .isEqualTo("*3\r\n$5\r\nPSYNC\r\n$40\r\n" + ID + "\r\n$3\r\n100\r\n");
        assertThat(log).contains("Trying a partial resynchronization (request " + ID + ":100).");
        assertThat(h.onReply("+CONTINUE").partialResync()).isEqualTo(ID); // no new ID: the same history
        Handshake other = throughReplconf(new Handshake(6380, ID, 99, log::add));
        other.onReply("+OK");
        String newId = "f".repeat(40);
        assertThat(other.onReply("+CONTINUE " + newId).partialResync()).isEqualTo(newId);
    }

    @Test
    @Points(1)
    void errorsThatRedisToleratesAndThoseItDoesNot() {
        Handshake auth = new Handshake(6380, null, 0, log::add);
        auth.start();
        assertThat(auth.onReply("-NOAUTH Authentication required.").send()).isNotNull();
        Handshake refused = new Handshake(6380, null, 0, log::add);
        refused.start();
        assertThat(refused.onReply("-ERR nope").failure()).isEqualTo("Error reply to PING from master: '-ERR nope'");
        assertThat(refused.state()).isEqualTo(Handshake.State.FAILED);

        Handshake old = new Handshake(6380, null, 0, log::add);
        old.start();
        old.onReply("+PONG");
        assertThat(old.onReply("-ERR Unrecognized REPLCONF option: listening-port").finished()).isFalse();
        assertThat(old.onReply("-ERR Unrecognized REPLCONF option: capa").send()).isNotNull(); // PSYNC anyway
        assertThat(log).contains(
                "(Non critical) Master does not understand REPLCONF listening-port: -ERR Unrecognized REPLCONF option: listening-port",
                "(Non critical) Master does not understand REPLCONF capa: -ERR Unrecognized REPLCONF option: capa");
        assertThat(old.onReply("-NOMASTERLINK Can't SYNC while not connected with my master").failure())
                .isEqualTo("Master is currently unable to PSYNC but should be in the future: "
                        + "-NOMASTERLINK Can't SYNC while not connected with my master");

        Handshake bad = throughReplconf(new Handshake(6380, null, 0, log::add));
        bad.onReply("+OK");
        assertThat(bad.onReply("-ERR unknown command 'PSYNC'").failure())
                .isEqualTo("Unexpected reply to PSYNC from master: -ERR unknown command 'PSYNC'");
        assertThatThrownBy(() -> bad.onReply("+OK")).isInstanceOf(IllegalStateException.class);
    }
}
