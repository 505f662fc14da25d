package dev.telemetry.simulator.replay;

import java.util.concurrent.TimeUnit;

/** A monotonic clock that can also wait; injected so pacing is tested exactly and instantly. */
public interface Ticker {

    /** Current monotonic time in nanoseconds. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** The system's monotonic clock and real sleeping. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** {@link System#nanoTime()} and {@link TimeUnit#sleep}. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
