package dev.telemetry.simulator.io;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Keeps every record sent, with the time (from an injected source) at which it arrived. */
public final class CollectingSink implements RecordSink {

    private final LongSupplier clock;
    private final List<SimRecord> records = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private boolean closed;

    public CollectingSink() {
        this(() -> 0L);
    }

    public CollectingSink(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void send(SimRecord record) {
        records.add(record);
        arrivals.add(clock.getAsLong());
    }

    @Override
    public void close() {
        closed = true;
    }

    public List<SimRecord> records() {
        return records;
    }

    /** Arrival times, in the injected clock's unit, parallel to {@link #records()}. */
    public List<Long> arrivals() {
        return arrivals;
    }

    public boolean isClosed() {
        return closed;
    }
}
