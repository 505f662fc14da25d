package dev.telemetry.job.serde;

import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.validate.RecordValidator;
import java.time.Clock;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka deserializer that never throws: wraps each record's raw bytes with its topic, partition,
 * offset, timestamp and key, then decodes and validates it with {@link RecordValidator}. Every
 * record becomes exactly one {@link IngestedRecord}, accepted or rejected.
 *
 * <p>Validation happens here, before watermarks are generated, so that only accepted readings move
 * the watermark (see {@code TelemetryWatermarks}).
 */
public final class TelemetryRecordDeserializer
        implements KafkaRecordDeserializationSchema<IngestedRecord> {

    private static final long serialVersionUID = 1L;

    private final RecordValidator validator;
    private final Clock clock;

    /**
     * @param clock stamps the informational ingest time of dead letters; nothing else reads it
     */
    public TelemetryRecordDeserializer(RecordValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedRecord> out) {
        out.collect(
                validator.validate(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value(),
                        clock.millis()));
    }

    @Override
    public TypeInformation<IngestedRecord> getProducedType() {
        return TypeInformation.of(IngestedRecord.class);
    }
}
