package dev.redisfromscratch.lists;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;

/** {@link LrangeCommand#normalize}: Redis's index arithmetic for LRANGE, case by case. */
@Stage(lab = 6, value = 1)
class LrangeNormalizeTest {
    @Test
    @Points(1)
    void negativeIndexesCountFromTheTail() {
        assertThat(LrangeCommand.normalize(0, -1, 5)).containsExactly(0, 5);
        assertThat(LrangeCommand.normalize(-2, -1, 5)).containsExactly(3, 2);
        assertThat(LrangeCommand.normalize(-1, -1, 5)).containsExactly(4, 1);
    }

    @Test
    @Points(1)
    void theRangeIsClampedToTheList() {
        assertThat(LrangeCommand.normalize(-3, 10, 5)).containsExactly(2, 3);
        assertThat(LrangeCommand.normalize(-100, 1, 5)).containsExactly(0, 2);
        assertThat(LrangeCommand.normalize(Long.MIN_VALUE, Long.MAX_VALUE, 5)).containsExactly(0, 5);
    }

    @Test
    @Points(1)
    void anEmptyRangeIsNull() {
        assertThat(LrangeCommand.normalize(3, 1, 5)).isNull();
        assertThat(LrangeCommand.normalize(5, 9, 5)).isNull();
        assertThat(LrangeCommand.normalize(-6, -6, 5)).isNull();
        assertThat(LrangeCommand.normalize(0, -1, 0)).isNull();
    }
}
