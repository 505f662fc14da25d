package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Ends a run that never blocks (full-speed output) when its thread is interrupted, by failing the
 * next send.
 */
final class InterruptibleSink implements RecordSink {

    private final RecordSink delegate;

    InterruptibleSink(RecordSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void send(SimRecord record) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("stopped");
        }
        delegate.send(record);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
