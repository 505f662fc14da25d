package dev.telemetry.simulator;

import java.io.IOException;

/** Where simulated or replayed records go: a Kafka topic, a JSONL file, or a test collector. */
public interface RecordSink extends AutoCloseable {

    /** Sends one record; records arrive in emission order. */
    void send(SimRecord record) throws IOException;

    /** Flushes buffered records and releases resources. */
    @Override
    void close() throws IOException;
}
