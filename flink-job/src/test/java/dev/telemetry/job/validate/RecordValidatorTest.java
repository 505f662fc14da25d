package dev.telemetry.job.validate;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.bytes;
import static dev.telemetry.job.testing.TestRecords.engineEvent;
import static dev.telemetry.job.testing.TestRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private static final long INGEST = 1_800_000_000_000L;

    private final RecordValidator validator =
            new RecordValidator(1024, 64, Duration.ofMinutes(5), Duration.ofDays(7));

    private IngestedRecord validate(byte[] payload, long recordTimestamp) {
        return validator.validate(
                "telemetry", 3, 42, recordTimestamp, bytes("ENG-1"), payload, INGEST);
    }

    @Test
    void shouldAcceptValidEventAsReadingWithSourceCoordinates() {
        IngestedRecord record = validate(json(engineEvent("ENG-1", T0, 7, 88)), T0);

        assertThat(record.isAccepted()).isTrue();
        assertThat(record.deadLetter).isNull();
        assertThat(record.reading.deviceId).isEqualTo("ENG-1");
        assertThat(record.reading.seq).isEqualTo(7);
        assertThat(record.reading.value(Metrics.PERFORMANCE_SCORE)).isEqualTo(88);
        assertThat(record.partition).isEqualTo(3);
        assertThat(record.offset).isEqualTo(42);
        assertThat(record.timestamp()).isEqualTo(T0);
    }

    @Test
    void shouldTurnMalformedJsonIntoDeadLetterWithSourceCoordinates() {
        IngestedRecord record = validate(bytes("{\"device_id\": \"ENG-1\", "), T0);

        DeadLetter letter = record.deadLetter;
        assertThat(record.isAccepted()).isFalse();
        assertThat(letter.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(letter.detail).isNotBlank();
        assertThat(letter.sourceTopic).isEqualTo("telemetry");
        assertThat(letter.sourcePartition).isEqualTo(3);
        assertThat(letter.sourceOffset).isEqualTo(42);
        assertThat(letter.recordTimestamp).isEqualTo(T0);
        assertThat(letter.recordKey).isEqualTo("ENG-1");
        assertThat(letter.ingestTime).isEqualTo(INGEST);
        assertThat(letter.family).isEqualTo(DeadLetter.UNKNOWN_FAMILY);
        assertThat(record.timestamp()).isEqualTo(T0);
    }

    @Test
    void shouldRejectOversizedRecordKeepingCappedPayloadAndOriginalSize() {
        byte[] payload = new byte[5000];
        Arrays.fill(payload, (byte) 'x');

        DeadLetter letter = validate(payload, T0).deadLetter;

        assertThat(letter.reason).isEqualTo(RejectReason.OVERSIZED_RECORD);
        assertThat(letter.payload).hasSize(64);
        assertThat(letter.payloadSize).isEqualTo(5000);
        assertThat(letter.payloadTruncated()).isTrue();
    }

    @Test
    void shouldCapPayloadAtCharacterBoundary() {
        byte[] text = "aaaaaaaaaé".getBytes(StandardCharsets.UTF_8); // é is 2 bytes at 9..10

        assertThat(RecordValidator.cap(text, 10)).hasSize(9);
        assertThat(RecordValidator.cap(text, 11)).isSameAs(text);
    }

    @Test
    void shouldAttributeRejectedRecordToFamilyNamedInPayload() {
        String missingSeq =
                "{\"schema_version\":1,\"device_id\":\"CAR-9\",\"family\":\"vehicle\","
                        + "\"event_time\":"
                        + T0
                        + ",\"metrics\":{}}";

        DeadLetter letter = validate(bytes(missingSeq), T0).deadLetter;

        assertThat(letter.reason).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(letter.family).isEqualTo(Family.VEHICLE.id());
        assertThat(letter.deviceId).isEqualTo("CAR-9");
    }

    @Test
    void shouldCountUnknownFamilyUnderUnknown() {
        String payload =
                "{\"schema_version\":1,\"device_id\":\"X\",\"family\":\"submarine\","
                        + "\"event_time\":1,\"seq\":1,\"metrics\":{\"depth\":1}}";

        DeadLetter letter = validate(bytes(payload), T0).deadLetter;

        assertThat(letter.reason).isEqualTo(RejectReason.UNKNOWN_FAMILY);
        assertThat(letter.family).isEqualTo(DeadLetter.UNKNOWN_FAMILY);
    }

    @Test
    void shouldRejectOutOfRangeValueWithFamilyAndDevice() {
        byte[] payload = json(engineEvent("ENG-1", T0, 1, 150));

        DeadLetter letter = validate(payload, T0).deadLetter;

        assertThat(letter.reason).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(letter.family).isEqualTo("engine");
        assertThat(letter.deviceId).isEqualTo("ENG-1");
        assertThat(letter.payload).hasSize(64);
    }

    @Test
    void shouldJudgeEventTimeAgainstRecordTimestampNotWallClock() {
        byte[] payload = json(engineEvent("ENG-1", T0, 1, 90));

        assertThat(validate(payload, T0 - Duration.ofMinutes(10).toMillis()).deadLetter.reason)
                .isEqualTo(RejectReason.FUTURE_EVENT_TIME);
        assertThat(validate(payload, T0 + Duration.ofDays(8).toMillis()).deadLetter.reason)
                .isEqualTo(RejectReason.STALE_EVENT_TIME);
        // Same input, same verdict, whatever the wall clock says.
        assertThat(validate(payload, T0).isAccepted()).isTrue();
    }

    @Test
    void shouldSkipEventTimeBoundsWhenRecordHasNoTimestamp() {
        IngestedRecord record = validate(json(engineEvent("ENG-1", 5, 1, 90)), -1);

        assertThat(record.isAccepted()).isTrue();
        assertThat(record.recordTimestamp).isEqualTo(-1);
    }

    @Test
    void shouldRejectNullPayloadAsMalformed() {
        DeadLetter letter = validate(null, T0).deadLetter;

        assertThat(letter.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(letter.payload).isEmpty();
        assertThat(letter.payloadSize).isZero();
    }
}
