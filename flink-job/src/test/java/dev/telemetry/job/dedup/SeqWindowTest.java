package dev.telemetry.job.dedup;

import static dev.telemetry.job.dedup.SeqWindow.Verdict.BEYOND_WINDOW;
import static dev.telemetry.job.dedup.SeqWindow.Verdict.DUPLICATE;
import static dev.telemetry.job.dedup.SeqWindow.Verdict.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqWindowTest {

    private final SeqWindow window = SeqWindow.create(1); // 64 seqs

    @Test
    void shouldReportRepeatOfAnySeqInRangeAsDuplicate() {
        for (long seq = 0; seq < 64; seq++) {
            assertThat(window.observe(seq)).isEqualTo(NEW);
        }
        for (long seq = 0; seq < 64; seq++) {
            assertThat(window.observe(seq)).isEqualTo(DUPLICATE);
        }
    }

    @Test
    void shouldAcceptGapsFilledOutOfOrder() {
        assertThat(window.observe(10)).isEqualTo(NEW);
        assertThat(window.observe(13)).isEqualTo(NEW);
        assertThat(window.observe(12)).isEqualTo(NEW);
        assertThat(window.observe(11)).isEqualTo(NEW);
        assertThat(window.observe(12)).isEqualTo(DUPLICATE);
    }

    @Test
    void shouldForgetSeqsThatFallOutOfRange() {
        window.observe(100);
        window.observe(163); // 100 is now the oldest tracked seq

        assertThat(window.observe(100)).isEqualTo(DUPLICATE);
        window.observe(164);
        assertThat(window.observe(100)).isEqualTo(BEYOND_WINDOW);
    }

    @Test
    void shouldClearReusedBitsWhenHighestAdvances() {
        window.observe(5);
        window.observe(69); // same bit as 5; must read as unseen

        assertThat(window.observe(6)).isEqualTo(NEW);
        assertThat(window.observe(68)).isEqualTo(NEW);
    }

    @Test
    void shouldHandleLargeJumpsAndNegativeSeqs() {
        window.observe(-3);
        assertThat(window.observe(-3)).isEqualTo(DUPLICATE);
        window.observe(1_000_000);
        assertThat(window.observe(-3)).isEqualTo(BEYOND_WINDOW);
        assertThat(window.observe(999_999)).isEqualTo(NEW);
        assertThat(window.observe(Long.MAX_VALUE)).isEqualTo(NEW);
        assertThat(window.observe(Long.MAX_VALUE)).isEqualTo(DUPLICATE);
    }
}
