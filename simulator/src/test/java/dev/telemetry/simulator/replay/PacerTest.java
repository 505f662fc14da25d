package dev.telemetry.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

class PacerTest {

    private final FakeTicker ticker = new FakeTicker(5_000_000_000L);

    @Test
    void shouldWaitTheScaledGapBetweenTimestamps() throws Exception {
        Pacer pacer = new Pacer(10, ticker);

        pacer.awaitDue(1_000);
        long first = ticker.nanoTime();
        pacer.awaitDue(2_000);
        long second = ticker.nanoTime();
        pacer.awaitDue(4_500);

        assertThat(second - first).isEqualTo(100_000_000L);
        assertThat(ticker.nanoTime() - first).isEqualTo(350_000_000L);
    }

    @Test
    void shouldNotAccumulateDelayWhenSendingIsSlow() throws Exception {
        Pacer pacer = new Pacer(1, ticker);
        pacer.awaitDue(0);
        long start = ticker.nanoTime();

        ticker.advance(400_000_000L);
        pacer.awaitDue(1_000);

        assertThat(ticker.nanoTime() - start).isEqualTo(1_000_000_000L);
    }

    @Test
    void shouldSendRecordsBehindTheScheduleAtOnce() throws Exception {
        Pacer pacer = new Pacer(1, ticker);
        pacer.awaitDue(10_000);
        pacer.awaitDue(12_000);
        long afterSecond = ticker.nanoTime();

        pacer.awaitDue(11_000);
        pacer.awaitDue(12_000);

        assertThat(ticker.nanoTime()).isEqualTo(afterSecond);
        pacer.awaitDue(13_000);
        assertThat(ticker.nanoTime() - afterSecond).isEqualTo(1_000_000_000L);
    }

    @Test
    void shouldNeverWaitAtMaxSpeed() throws Exception {
        Pacer pacer = new Pacer(Pacer.MAX_SPEED, ticker);
        long start = ticker.nanoTime();

        pacer.awaitDue(0);
        pacer.awaitDue(3_600_000);

        assertThat(ticker.nanoTime()).isEqualTo(start);
        assertThat(pacer.isUnpaced()).isTrue();
    }

    @Test
    void shouldTurnAnInterruptedWaitIntoAnInterruptedIoException() throws Exception {
        Ticker interrupted =
                new Ticker() {
                    @Override
                    public long nanoTime() {
                        return 0;
                    }

                    @Override
                    public void sleepNanos(long nanos) throws InterruptedException {
                        throw new InterruptedException();
                    }
                };
        Pacer pacer = new Pacer(1, interrupted);
        pacer.awaitDue(0);

        try {
            assertThatThrownBy(() -> pacer.awaitDue(1_000))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldRejectANonPositiveSpeed() {
        assertThatThrownBy(() -> new Pacer(0, ticker)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN, ticker))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
