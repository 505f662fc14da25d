package dev.telemetry.simulator.replay;

import java.io.InterruptedIOException;

/**
 * Holds records back so they leave at the pace of their timestamps, scaled by a speed factor: at
 * speed 10 a gap of one second between two records becomes 100 ms. Time is anchored at the first
 * record. A record whose timestamp is behind one already sent (out-of-order or late data) goes out
 * at once, without pulling the schedule back.
 */
public final class Pacer {

    /** Speed meaning "do not wait at all". */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    private final double speed;
    private final Ticker ticker;
    private boolean started;
    private long anchorTimestamp;
    private long anchorNanos;
    private long paceTimestamp;

    /**
     * @param speed factor relative to real time, positive; {@link #MAX_SPEED} disables pacing
     * @param ticker clock and sleeper
     */
    public Pacer(double speed, Ticker ticker) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.speed = speed;
        this.ticker = ticker;
    }

    /** True if this pacer never waits. */
    public boolean isUnpaced() {
        return speed == MAX_SPEED;
    }

    /**
     * Anchors the schedule: {@code timestamp} is due now. Without this, the first record's
     * timestamp is the anchor.
     */
    public void startAt(long timestamp) {
        started = true;
        anchorTimestamp = timestamp;
        paceTimestamp = timestamp;
        anchorNanos = ticker.nanoTime();
    }

    /** Waits until a record with this timestamp (epoch ms) is due. */
    public void awaitDue(long timestamp) throws InterruptedIOException {
        if (isUnpaced()) {
            return;
        }
        if (!started) {
            startAt(timestamp);
            return;
        }
        if (timestamp <= paceTimestamp) {
            return;
        }
        paceTimestamp = timestamp;
        long due = anchorNanos + Math.round((timestamp - anchorTimestamp) * 1_000_000.0 / speed);
        long wait = due - ticker.nanoTime();
        if (wait > 0) {
            try {
                ticker.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pacing");
            }
        }
    }
}
