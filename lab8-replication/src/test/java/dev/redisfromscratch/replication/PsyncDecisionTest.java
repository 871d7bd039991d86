package dev.redisfromscratch.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.replication.PsyncDecision.Outcome;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;

/** The primary's PSYNC decision, as Redis's {@code masterTryPartialResynchronization} makes it. */
@Stage(lab = 8, value = 2)
class PsyncDecisionTest {
    @Test
    @Points(1)
    void ourIdAndAnOffsetInTheBacklogContinue() {
        ReplicationState state = new ReplicationState();
        Backlog backlog = fed(state, 100);
        assertThat(PsyncDecision.decide(state, backlog, state.replid(), 101)).isEqualTo(Outcome.CONTINUE);
        assertThat(PsyncDecision.decide(state, backlog, state.replid(), 1)).isEqualTo(Outcome.CONTINUE);
        assertThat(PsyncDecision.decide(state, backlog, state.replid().toUpperCase(), 50)).isEqualTo(Outcome.CONTINUE);
    }

    @Test
    @Points(1)
    void anUnknownHistoryOrNoneIsAFullResync() {
        ReplicationState state = new ReplicationState();
        Backlog backlog = fed(state, 100);
        assertThat(PsyncDecision.decide(state, backlog, "?", -1)).isEqualTo(Outcome.FULL_REQUESTED);
        assertThat(PsyncDecision.decide(state, backlog, ReplicationState.randomId(), 50)).isEqualTo(Outcome.ID_MISMATCH);
    }

    @Test
    @Points(1)
    void anOffsetOutsideTheBacklogIsAFullResync() {
        ReplicationState state = new ReplicationState();
        assertThat(PsyncDecision.decide(state, null, state.replid(), 1)).as("no backlog").isEqualTo(Outcome.BACKLOG_LACKS);
        Backlog backlog = new Backlog(10, 0);
        backlog.append(new byte[30], 0, 30);
        state.advance(30);
        assertThat(PsyncDecision.decide(state, backlog, state.replid(), 20)).as("overwritten").isEqualTo(Outcome.BACKLOG_LACKS);
        assertThat(PsyncDecision.decide(state, backlog, state.replid(), 21)).isEqualTo(Outcome.CONTINUE);
        assertThat(PsyncDecision.decide(state, backlog, state.replid(), 32)).as("in the future").isEqualTo(Outcome.BACKLOG_LACKS);
    }

    @Test
    @Points(1)
    void aPromotedReplicaAcceptsItsOldPrimarysIdUpToWhereThatHistoryEnded() {
        ReplicationState state = new ReplicationState();
        String old = state.replid();
        Backlog backlog = fed(state, 100);
        state.shiftReplid(); // promoted at offset 100: the old history is valid up to 101
        backlog.append(new byte[20], 0, 20);
        state.advance(20);
        assertThat(PsyncDecision.decide(state, backlog, old, 101)).isEqualTo(Outcome.CONTINUE);
        assertThat(PsyncDecision.decide(state, backlog, old, 102)).isEqualTo(Outcome.SECOND_ID_OFFSET);
        assertThat(PsyncDecision.decide(state, backlog, state.replid(), 121)).isEqualTo(Outcome.CONTINUE);
    }

    private static Backlog fed(ReplicationState state, int bytes) {
        Backlog backlog = new Backlog(1024, state.offset());
        backlog.append(new byte[bytes], 0, bytes);
        state.advance(bytes);
        return backlog;
    }
}
