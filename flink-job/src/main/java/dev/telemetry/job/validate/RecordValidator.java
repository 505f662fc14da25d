package dev.telemetry.job.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.RejectReason;
import dev.telemetry.model.Rejection;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Turns one raw Kafka record into an {@link IngestedRecord}: decodes it with {@link
 * TelemetryJson#decode(byte[], int)} and validates it with {@link EventValidator}. Never throws.
 *
 * <p>The reference time for the future/stale event-time checks is the Kafka record timestamp, not
 * the wall clock, so replaying a topic gives the same verdicts as the first run. Topics should use
 * {@code message.timestamp.type=LogAppendTime} (or producers stamp records at send time) for the
 * checks to be meaningful; a record without a timestamp skips them.
 */
public final class RecordValidator implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int MAX_KEY_CHARS = 256;

    private final int maxRecordBytes;
    private final int maxDeadLetterPayloadBytes;
    private final Duration maxFuture;
    private final Duration maxPast;

    // EventValidator is not Serializable: created where the validator runs.
    private transient EventValidator validator;

    public RecordValidator(
            int maxRecordBytes,
            int maxDeadLetterPayloadBytes,
            Duration maxFuture,
            Duration maxPast) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
        this.maxFuture = maxFuture;
        this.maxPast = maxPast;
    }

    /**
     * Decodes and validates one record.
     *
     * @param recordTimestamp Kafka record timestamp, or a negative value if none
     * @param ingestTime wall-clock time of reading the record (only copied into dead letters)
     */
    public IngestedRecord validate(
            String topic,
            int partition,
            long offset,
            long recordTimestamp,
            byte[] key,
            byte[] payload,
            long ingestTime) {
        Rejection rejection;
        TelemetryEvent event = null;
        try {
            DecodeResult decoded = TelemetryJson.decode(payload, maxRecordBytes);
            if (decoded.isOk()) {
                event = decoded.event();
                long reference = recordTimestamp >= 0 ? recordTimestamp : event.eventTime();
                rejection = eventValidator().validate(event, reference);
                if (rejection == null) {
                    return IngestedRecord.accepted(
                            topic, partition, offset, recordTimestamp, Reading.of(event));
                }
            } else {
                rejection = decoded.rejection();
            }
        } catch (RuntimeException e) {
            // The model promises not to throw; a bug there must not stop the job.
            rejection =
                    new Rejection(
                            RejectReason.MALFORMED_JSON,
                            "unexpected decoding failure: " + e.getClass().getSimpleName());
            event = null;
        }
        DeadLetter letter = new DeadLetter();
        letter.reason = rejection.reason();
        letter.detail = rejection.detail();
        letter.sourceTopic = topic;
        letter.sourcePartition = partition;
        letter.sourceOffset = offset;
        letter.recordTimestamp = recordTimestamp < 0 ? -1 : recordTimestamp;
        letter.recordKey = keyText(key);
        letter.ingestTime = ingestTime;
        int size = payload == null ? 0 : payload.length;
        letter.payloadSize = size;
        letter.payload = cap(payload, maxDeadLetterPayloadBytes);
        if (event != null) {
            letter.family = event.family().id();
            letter.deviceId = event.deviceId();
        } else {
            identify(payload, letter);
        }
        return IngestedRecord.rejected(letter);
    }

    private EventValidator eventValidator() {
        if (validator == null) {
            validator = new EventValidator(maxFuture, maxPast);
        }
        return validator;
    }

    /**
     * Best effort family and device id of a record that failed decoding, so that data quality can
     * be attributed to a family; anything unreadable counts as {@link DeadLetter#UNKNOWN_FAMILY}.
     */
    private void identify(byte[] payload, DeadLetter letter) {
        letter.family = DeadLetter.UNKNOWN_FAMILY;
        letter.deviceId = "";
        if (payload == null || payload.length == 0 || payload.length > maxRecordBytes) {
            return;
        }
        try {
            JsonNode root = TelemetryJson.mapper().readTree(payload);
            if (root == null || !root.isObject()) {
                return;
            }
            JsonNode family = root.get(TelemetryJson.FAMILY);
            if (family != null && family.isTextual()) {
                letter.family =
                        Family.fromId(family.textValue())
                                .map(Family::id)
                                .orElse(DeadLetter.UNKNOWN_FAMILY);
            }
            JsonNode device = root.get(TelemetryJson.DEVICE_ID);
            if (device != null && device.isTextual()) {
                letter.deviceId = truncate(device.textValue(), MAX_KEY_CHARS);
            }
        } catch (Exception e) {
            // Unparseable: stays unknown.
        }
    }

    private static String keyText(byte[] key) {
        if (key == null) {
            return "";
        }
        return truncate(new String(key, StandardCharsets.UTF_8), MAX_KEY_CHARS);
    }

    private static String truncate(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    /**
     * The first {@code max} bytes of a payload, cut back to a UTF-8 character boundary so that a
     * text payload stays valid text.
     */
    static byte[] cap(byte[] payload, int max) {
        if (payload == null) {
            return new byte[0];
        }
        if (payload.length <= max) {
            return payload;
        }
        int end = max;
        // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
        while (end > 0 && end > max - 4 && (payload[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(payload, end);
    }
}
