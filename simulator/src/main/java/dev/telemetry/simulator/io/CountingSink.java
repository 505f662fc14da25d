package dev.telemetry.simulator.io;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Passes records on and counts them, for progress reporting from another thread. */
public final class CountingSink implements RecordSink {

    private final RecordSink delegate;
    private final AtomicLong count = new AtomicLong();

    public CountingSink(RecordSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void send(SimRecord record) throws IOException {
        delegate.send(record);
        count.incrementAndGet();
    }

    /** Records passed on so far. */
    public long count() {
        return count.get();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
