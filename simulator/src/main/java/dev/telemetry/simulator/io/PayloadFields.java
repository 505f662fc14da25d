package dev.telemetry.simulator.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.telemetry.model.TelemetryJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The top-level {@code device_id} and {@code event_time} of a payload, from which a file record's
 * Kafka key and timestamp are derived. The scan is lenient: on a truncated or otherwise malformed
 * line it keeps whatever fields precede the damage, so most bad-data lines still get their device's
 * key and their event time.
 *
 * @param deviceId the top-level {@code device_id} string, or null
 * @param eventTime the top-level integral {@code event_time}, or null
 * @param eventTimeStart byte offset of the {@code event_time} number, or -1
 * @param eventTimeEnd byte offset just past the {@code event_time} number, or -1
 * @param wellFormed true if the whole payload is one syntactically valid JSON object
 */
public record PayloadFields(
        String deviceId, Long eventTime, int eventTimeStart, int eventTimeEnd, boolean wellFormed) {

    private static final JsonFactory FACTORY = TelemetryJson.mapper().getFactory();
    private static final PayloadFields NOTHING = new PayloadFields(null, null, -1, -1, false);

    /** Scans a payload; never throws. */
    public static PayloadFields scan(byte[] payload) {
        String deviceId = null;
        Long eventTime = null;
        int start = -1;
        int end = -1;
        try (JsonParser parser = FACTORY.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NOTHING;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    break;
                }
                if (TelemetryJson.DEVICE_ID.equals(name) && value == JsonToken.VALUE_STRING) {
                    deviceId = parser.getText();
                } else if (TelemetryJson.EVENT_TIME.equals(name)
                        && value == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    int offset = (int) parser.currentTokenLocation().getByteOffset();
                    int length = parser.getTextLength();
                    // A number that ends the input may have been cut short by truncation.
                    if (offset >= 0 && offset + length < payload.length) {
                        eventTime = parser.getLongValue();
                        start = offset;
                        end = offset + length;
                    }
                } else if (value.isStructStart()) {
                    parser.skipChildren();
                }
            }
            boolean wellFormed = token == JsonToken.END_OBJECT && parser.nextToken() == null;
            return new PayloadFields(deviceId, eventTime, start, end, wellFormed);
        } catch (IOException | RuntimeException e) {
            return new PayloadFields(deviceId, eventTime, start, end, false);
        }
    }

    /**
     * Returns the payload with its {@code event_time} replaced, all other bytes untouched; or the
     * payload itself when it is not a well-formed object with an integral event time.
     */
    public byte[] withEventTime(byte[] payload, long newEventTime) {
        if (!wellFormed || eventTime == null) {
            return payload;
        }
        byte[] number = Long.toString(newEventTime).getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[payload.length - (eventTimeEnd - eventTimeStart) + number.length];
        System.arraycopy(payload, 0, result, 0, eventTimeStart);
        System.arraycopy(number, 0, result, eventTimeStart, number.length);
        System.arraycopy(
                payload,
                eventTimeEnd,
                result,
                eventTimeStart + number.length,
                payload.length - eventTimeEnd);
        return result;
    }
}
