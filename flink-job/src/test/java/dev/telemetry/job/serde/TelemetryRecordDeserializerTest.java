package dev.telemetry.job.serde;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.engineEvent;
import static dev.telemetry.job.testing.TestRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.validate.RecordValidator;
import dev.telemetry.model.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TelemetryRecordDeserializerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(123), ZoneOffset.UTC);

    private final TelemetryRecordDeserializer deserializer =
            new TelemetryRecordDeserializer(
                    new RecordValidator(64 * 1024, 4096, Duration.ofMinutes(5), Duration.ofDays(7)),
                    CLOCK);

    private List<IngestedRecord> deserialize(byte[] key, byte[] value, long timestamp) {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "telemetry",
                        1,
                        99,
                        timestamp,
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                        0,
                        0,
                        key,
                        value,
                        new org.apache.kafka.common.header.internals.RecordHeaders(),
                        java.util.Optional.empty());
        List<IngestedRecord> out = new ArrayList<>();
        deserializer.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(IngestedRecord r) {
                        out.add(r);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void shouldEmitExactlyOneRecordForValidPayload() {
        List<IngestedRecord> out = deserialize(null, json(engineEvent("E-1", T0, 1, 90)), T0);

        assertThat(out).singleElement().satisfies(r -> assertThat(r.isAccepted()).isTrue());
    }

    @Test
    void shouldNeverThrowOnGarbageAndEmitExactlyOneDeadLetter() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            byte[] key = random.nextBoolean() ? null : garbage;

            List<IngestedRecord> out = deserialize(key, garbage, random.nextLong());

            assertThat(out).singleElement().satisfies(r -> assertThat(r.deadLetter).isNotNull());
        }
    }

    @Test
    void shouldStampDeadLettersWithInjectedClock() {
        IngestedRecord record = deserialize(null, null, T0).get(0);

        assertThat(record.deadLetter.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(record.deadLetter.ingestTime).isEqualTo(123);
        assertThat(record.deadLetter.sourcePartition).isEqualTo(1);
        assertThat(record.deadLetter.sourceOffset).isEqualTo(99);
    }

    @Test
    void shouldSurviveJavaSerializationAsFlinkShipsIt() throws Exception {
        TelemetryRecordDeserializer copy =
                org.apache.flink.util.InstantiationUtil.clone(deserializer);
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>("telemetry", 0, 0, null, json(engineEvent("E-1", T0, 1, 90)));
        List<IngestedRecord> out = new ArrayList<>();

        copy.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(IngestedRecord r) {
                        out.add(r);
                    }

                    @Override
                    public void close() {}
                });

        assertThat(out).singleElement().satisfies(r -> assertThat(r.isAccepted()).isTrue());
    }

    @Test
    void shouldProduceAPojoTypeSoNoKryoIsNeeded() {
        TypeInformation<IngestedRecord> type = deserializer.getProducedType();

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
    }
}
