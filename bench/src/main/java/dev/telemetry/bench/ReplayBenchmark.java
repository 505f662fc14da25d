package dev.telemetry.bench;

import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.RecordFileReader;
import dev.telemetry.simulator.kafka.KafkaClients;
import dev.telemetry.simulator.kafka.KafkaRecordSink;
import dev.telemetry.simulator.replay.Pacer;
import dev.telemetry.simulator.replay.Replayer;
import dev.telemetry.simulator.replay.Ticker;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Item 5: the simulator's replay path ({@link Replayer} at maximum speed into a {@link
 * KafkaRecordSink}) against a bare {@link KafkaProducer} with the same settings sending records
 * already in memory. The replay also fills the topic the throughput benchmarks read.
 */
final class ReplayBenchmark {

    private static final int BASELINE_DISTINCT_RECORDS = 10_000;

    private ReplayBenchmark() {}

    /** Replays {@code input} into {@code topic}; returns the replay's events/s. */
    static double replay(ThroughputInput input, String bootstrapServers, String topic)
            throws IOException {
        long started = System.nanoTime();
        long sent;
        KafkaRecordSink sink = KafkaRecordSink.create(bootstrapServers, topic);
        try (RecordFileReader reader = RecordFileReader.open(input.file(), Clock.systemUTC())) {
            sent =
                    new Replayer(
                                    new Pacer(Pacer.MAX_SPEED, Ticker.system()),
                                    false,
                                    Clock.systemUTC())
                            .replay(reader, sink);
        } finally {
            sink.close(); // flushes: the rate counts records the broker acknowledged
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (sink.failed() > 0 || sink.acknowledged() != sent) {
            throw new IllegalStateException(
                    "replay lost records: sent "
                            + sent
                            + ", acknowledged "
                            + sink.acknowledged()
                            + ", first error "
                            + sink.firstError());
        }
        return sent / seconds;
    }

    /**
     * Baseline: {@code count} records, cycling over the first records of {@code input} held in
     * memory, through a producer configured like the simulator's; returns events/s.
     */
    static double bareProducer(
            ThroughputInput input, String bootstrapServers, String topic, long count)
            throws IOException {
        List<SimRecord> records = new ArrayList<>();
        try (RecordFileReader reader = RecordFileReader.open(input.file(), Clock.systemUTC())) {
            SimRecord r;
            while (records.size() < BASELINE_DISTINCT_RECORDS && (r = reader.next()) != null) {
                records.add(r);
            }
        }
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClients.producer(bootstrapServers))) {
            for (long i = 0; i < count; i++) {
                SimRecord r = records.get((int) (i % records.size()));
                producer.send(
                        new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.payload()));
            }
            producer.flush();
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
