package dev.telemetry.job.serde;

import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.validate.RecordValidator;
import java.time.Clock;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production telemetry source: a {@link KafkaSource} with the never-throwing deserializer. */
public final class TelemetrySource {

    private TelemetrySource() {}

    /** The Kafka source for the configured topic; bounded at start-time offsets if configured. */
    public static KafkaSource<IngestedRecord> kafka(JobConfig config, Clock clock) {
        KafkaSourceBuilder<IngestedRecord> builder = builder(config, clock);
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The source's builder before boundedness is set, for tools and tests that stop at other
     * offsets; everything that shapes the records (deserializer, offsets, group) is set here.
     */
    public static KafkaSourceBuilder<IngestedRecord> builder(JobConfig config, Clock clock) {
        RecordValidator validator =
                new RecordValidator(
                        config.maxRecordBytes(),
                        config.deadLetterPayloadBytes(),
                        config.maxFuture(),
                        config.maxPast());
        return KafkaSource.<IngestedRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.topic())
                .setGroupId(config.groupId())
                .setClientIdPrefix(config.groupId())
                .setStartingOffsets(startingOffsets(config))
                .setDeserializer(new TelemetryRecordDeserializer(validator, clock))
                // Offsets are committed on checkpoints for monitoring only; recovery uses the
                // offsets in the checkpoint.
                .setProperty("commit.offsets.on.checkpoint", "true");
    }

    @SuppressWarnings("deprecation") // the connector's API still takes OffsetResetStrategy
    private static OffsetsInitializer startingOffsets(JobConfig config) {
        return switch (config.startingOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
