package dev.telemetry.simulator.kafka;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.JsonlFileSink;
import dev.telemetry.simulator.io.PayloadFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Captures a topic into a {@link RecordSink} (normally a JSON Lines file) until a wall-clock
 * duration, a record count or an idle period is reached. All partitions are read without a consumer
 * group and merged by timestamp (see {@link PartitionMerger}).
 *
 * <p>The file format keeps only payloads; a replay derives key and timestamp from each payload's
 * {@code device_id} and {@code event_time}. Records whose key or timestamp differ from what their
 * payload yields are still recorded and counted in {@link Result#notDerivable()}.
 */
public final class TopicRecorder implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    /**
     * When to stop.
     *
     * @param duration wall-clock capture time, or null for no limit
     * @param maxRecords most records to write, or 0 for no limit
     * @param idle stop after this long without a new record, or null for never
     */
    public record Limits(Duration duration, long maxRecords, Duration idle) {
        public Limits {
            if (duration == null && maxRecords <= 0 && idle == null) {
                throw new IllegalArgumentException("a recording needs at least one limit");
            }
        }
    }

    /** Why a recording ended. */
    public enum StopReason {
        DURATION,
        MAX_RECORDS,
        IDLE,
        STOP_REQUESTED
    }

    /**
     * Outcome of a recording.
     *
     * @param written records written
     * @param skipped records that cannot be stored as one line (null value or a line break)
     * @param notDerivable written records whose key or timestamp a replay will not reproduce
     * @param reason why the recording ended
     */
    public record Result(long written, long skipped, long notDerivable, StopReason reason) {}

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Clock clock;
    private volatile boolean stopRequested;

    public TopicRecorder(Consumer<String, byte[]> consumer, String topic, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A recorder with its own consumer configured by {@link KafkaClients#recorder}. */
    public static TopicRecorder create(String bootstrapServers, String topic, Clock clock) {
        return new TopicRecorder(
                new KafkaConsumer<>(KafkaClients.recorder(bootstrapServers)), topic, clock);
    }

    /** Asks a running {@link #record} to finish (from another thread, e.g. a shutdown hook). */
    public void requestStop() {
        stopRequested = true;
        consumer.wakeup();
    }

    /**
     * Records the topic into {@code out} (which the caller closes).
     *
     * @param fromNow start at the end of the topic instead of the beginning
     */
    public Result record(boolean fromNow, Limits limits, RecordSink out)
            throws IOException, KafkaUnavailableException {
        List<TopicPartition> partitions = assign();
        if (fromNow) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        // Resolve the start positions now, so --from-now means "from this moment".
        partitions.forEach(consumer::position);

        Writer writer = new Writer(out);
        PartitionMerger<TopicPartition, ConsumerRecord<String, byte[]>> merger =
                new PartitionMerger<>(partitions, ConsumerRecord::timestamp);
        long maxRecords = limits.maxRecords() > 0 ? limits.maxRecords() : Long.MAX_VALUE;
        long startMillis = clock.millis();
        long lastActivityMillis = startMillis;
        StopReason reason;
        try {
            while (true) {
                if (stopRequested) {
                    reason = StopReason.STOP_REQUESTED;
                    break;
                }
                long now = clock.millis();
                if (limits.duration() != null
                        && now - startMillis >= limits.duration().toMillis()) {
                    reason = StopReason.DURATION;
                    break;
                }
                if (limits.idle() != null && now - lastActivityMillis >= limits.idle().toMillis()) {
                    reason = StopReason.IDLE;
                    break;
                }
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL_TIMEOUT);
                } catch (WakeupException e) {
                    continue;
                }
                if (!records.isEmpty()) {
                    lastActivityMillis = clock.millis();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        merger.add(new TopicPartition(record.topic(), record.partition()), record);
                    }
                }
                merger.drainReady(
                        caughtUp(merger.emptyPartitions()), writer, maxRecords - writer.written);
                if (writer.written >= maxRecords) {
                    reason = StopReason.MAX_RECORDS;
                    break;
                }
            }
            merger.drainAll(writer, maxRecords - writer.written);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Result(writer.written, writer.skipped, writer.notDerivable, reason);
    }

    private List<TopicPartition> assign() throws KafkaUnavailableException {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new KafkaUnavailableException("topic '" + topic + "' does not exist");
        }
        List<TopicPartition> partitions =
                infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    /** Of the given partitions, those whose position has reached the end of the log. */
    private Set<TopicPartition> caughtUp(Set<TopicPartition> partitions) {
        Set<TopicPartition> result = new HashSet<>();
        Set<TopicPartition> unknown = new HashSet<>();
        for (TopicPartition partition : partitions) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                if (lag.getAsLong() == 0) {
                    result.add(partition);
                }
            } else {
                unknown.add(partition);
            }
        }
        if (!unknown.isEmpty()) {
            consumer.endOffsets(unknown)
                    .forEach(
                            (partition, end) -> {
                                if (consumer.position(partition) >= end) {
                                    result.add(partition);
                                }
                            });
        }
        return result;
    }

    /** Closes the consumer. */
    @Override
    public void close() {
        consumer.close();
    }

    /** Writes merged records, counting what a replay cannot reproduce exactly. */
    private static final class Writer
            implements java.util.function.Consumer<ConsumerRecord<String, byte[]>> {
        private final RecordSink out;
        private long written;
        private long skipped;
        private long notDerivable;
        private long previousTimestamp = Long.MIN_VALUE;

        Writer(RecordSink out) {
            this.out = out;
        }

        @Override
        public void accept(ConsumerRecord<String, byte[]> record) {
            byte[] payload = record.value();
            if (payload == null || payload.length == 0 || !JsonlFileSink.isSingleLine(payload)) {
                skipped++;
                return;
            }
            PayloadFields fields = PayloadFields.scan(payload);
            long derivedTimestamp =
                    fields.eventTime() != null ? fields.eventTime() : previousTimestamp;
            if (!Objects.equals(record.key(), fields.deviceId())
                    || derivedTimestamp != record.timestamp()) {
                notDerivable++;
            }
            previousTimestamp = derivedTimestamp;
            try {
                out.send(new SimRecord(record.key(), record.timestamp(), payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written++;
        }
    }
}
