package dev.telemetry.simulator.replay;

/** A ticker whose time moves only when something sleeps on it: pacing tests run instantly. */
public final class FakeTicker implements Ticker {

    private long nanos;

    public FakeTicker(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public void sleepNanos(long duration) {
        nanos += duration;
    }

    /** Lets time pass without a sleep, as slow work between sends would. */
    public void advance(long duration) {
        nanos += duration;
    }
}
