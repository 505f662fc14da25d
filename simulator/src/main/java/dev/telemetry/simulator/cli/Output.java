package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.JsonlFileSink;
import dev.telemetry.simulator.io.RecordFiles;
import dev.telemetry.simulator.kafka.KafkaClients;
import dev.telemetry.simulator.kafka.KafkaPreflight;
import dev.telemetry.simulator.kafka.KafkaRecordSink;
import dev.telemetry.simulator.kafka.KafkaUnavailableException;
import java.io.IOException;
import java.nio.file.Path;

/** An opened destination for records, file or Kafka, with its delivery error count. */
final class Output implements RecordSink {

    private final RecordSink sink;
    private final KafkaRecordSink kafka;
    private final String description;
    private boolean closed;

    private Output(RecordSink sink, KafkaRecordSink kafka, String description) {
        this.sink = sink;
        this.kafka = kafka;
        this.description = description;
    }

    static Output toFile(Path file, boolean gzip) throws IOException {
        String description = RecordFiles.isStandardStream(file) ? "stdout" : file.toString();
        return new Output(JsonlFileSink.open(file, gzip), null, description);
    }

    /** Checks the brokers answer (creating the topic if missing), then opens a producer. */
    static Output toKafka(KafkaOptions options) throws KafkaUnavailableException {
        new KafkaPreflight(options.bootstrapServers, KafkaClients.CONNECT_TIMEOUT)
                .check(options.topic, true);
        KafkaRecordSink kafka = KafkaRecordSink.create(options.bootstrapServers, options.topic);
        return new Output(
                kafka, kafka, "topic " + options.topic + " on " + options.bootstrapServers);
    }

    boolean isKafka() {
        return kafka != null;
    }

    String description() {
        return description;
    }

    /** Records that could not be delivered (always 0 for files, which fail loudly instead). */
    long failed() {
        return kafka == null ? 0 : kafka.failed();
    }

    /** A one-line description of the first delivery error, or null. */
    String firstError() {
        Exception error = kafka == null ? null : kafka.firstError();
        return error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    @Override
    public void send(SimRecord record) throws IOException {
        sink.send(record);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // After Ctrl-C the thread is interrupted; flushing must still work.
        boolean interrupted = Thread.interrupted();
        try {
            sink.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
