package dev.telemetry.simulator.replay;

/** A ticker whose time moves only when something sleeps on it: pacing tests run instantly. */
final class FakeTicker implements Ticker {

    private long nanos;

    FakeTicker(long startNanos) {
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
    void advance(long duration) {
        nanos += duration;
    }
}
