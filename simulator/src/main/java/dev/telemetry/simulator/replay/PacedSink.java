package dev.telemetry.simulator.replay;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;

/** Passes each record on when its timestamp is due according to a {@link Pacer}. */
public final class PacedSink implements RecordSink {

    private final Pacer pacer;
    private final RecordSink delegate;

    public PacedSink(Pacer pacer, RecordSink delegate) {
        this.pacer = pacer;
        this.delegate = delegate;
    }

    @Override
    public void send(SimRecord record) throws IOException {
        pacer.awaitDue(record.timestamp());
        delegate.send(record);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
