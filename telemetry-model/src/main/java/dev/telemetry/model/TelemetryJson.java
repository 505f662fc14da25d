package dev.telemetry.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON serde for {@link TelemetryEvent}. Writing is deterministic (fixed field order, metrics in
 * insertion order), so the same events always give the same bytes. Decoding never throws: every
 * problem becomes a {@link Rejection} with a precise reason. Unknown top-level fields are ignored
 * for forward compatibility.
 *
 * <p>Non-finite numbers are written and read as the bare tokens {@code NaN}, {@code Infinity},
 * {@code -Infinity} (as many producers emit them), so that validation can reject them as {@link
 * RejectReason#NOT_FINITE} instead of as malformed JSON.
 */
public final class TelemetryJson {

    /** Default maximum accepted record size in bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;

    public static final String SCHEMA_VERSION = "schema_version";
    public static final String DEVICE_ID = "device_id";
    public static final String FAMILY = "family";
    public static final String EVENT_TIME = "event_time";
    public static final String SEQ = "seq";
    public static final String PHASE = "phase";
    public static final String METRICS = "metrics";
    public static final String POSITION = "position";
    public static final String LAT = "lat";
    public static final String LON = "lon";
    public static final String ATTRIBUTES = "attributes";

    private static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                    .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private TelemetryJson() {}

    /** The shared mapper, configured to accept the non-finite number tokens. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises an event to UTF-8 JSON bytes, deterministically. */
    public static byte[] toBytes(TelemetryEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            write(event, gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Serialises an event to a JSON string, deterministically. */
    public static String toJson(TelemetryEvent event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    /** Writes an event as one JSON object to a generator. */
    public static void write(TelemetryEvent event, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField(SCHEMA_VERSION, event.schemaVersion());
        gen.writeStringField(DEVICE_ID, event.deviceId());
        gen.writeStringField(FAMILY, event.family().id());
        gen.writeNumberField(EVENT_TIME, event.eventTime());
        gen.writeNumberField(SEQ, event.seq());
        if (event.phase() != null) {
            gen.writeStringField(PHASE, event.phase());
        }
        gen.writeObjectFieldStart(METRICS);
        for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
            gen.writeNumberField(metric.getKey(), metric.getValue());
        }
        gen.writeEndObject();
        if (event.position() != null) {
            gen.writeObjectFieldStart(POSITION);
            gen.writeNumberField(LAT, event.position().lat());
            gen.writeNumberField(LON, event.position().lon());
            gen.writeEndObject();
        }
        if (!event.attributes().isEmpty()) {
            gen.writeObjectFieldStart(ATTRIBUTES);
            for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                gen.writeStringField(attribute.getKey(), attribute.getValue());
            }
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    /** Decodes with the default size limit. */
    public static DecodeResult decode(byte[] payload) {
        return decode(payload, DEFAULT_MAX_RECORD_BYTES);
    }

    /** Decodes a string with the default size limit. */
    public static DecodeResult decode(String payload) {
        return decode(payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes one record. Structural problems (syntax, missing or wrongly typed fields, unknown
     * family) are reported here; value checks belong to {@link EventValidator}.
     */
    public static DecodeResult decode(byte[] payload, int maxRecordBytes) {
        if (payload == null || payload.length == 0) {
            return DecodeResult.rejected(RejectReason.MALFORMED_JSON, "empty payload");
        }
        if (payload.length > maxRecordBytes) {
            return DecodeResult.rejected(
                    RejectReason.OVERSIZED_RECORD,
                    "record of " + payload.length + " bytes exceeds limit of " + maxRecordBytes);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            return DecodeResult.rejected(
                    RejectReason.MALFORMED_JSON, firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            return DecodeResult.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return DecodeResult.rejected(
                    RejectReason.MALFORMED_JSON,
                    "expected a JSON object but found "
                            + (root == null ? "nothing" : root.getNodeType()));
        }
        return fromTree(root);
    }

    private static DecodeResult fromTree(JsonNode root) {
        JsonNode version = root.get(SCHEMA_VERSION);
        if (isAbsent(version)) {
            return missing(SCHEMA_VERSION);
        }
        if (!version.isIntegralNumber()) {
            return wrongType(SCHEMA_VERSION, "an integer", version);
        }
        if (!version.canConvertToInt()) {
            // Reading it with intValue() would wrap 4294967297 to 1 and accept it.
            return DecodeResult.rejected(
                    RejectReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schema_version "
                            + abbreviate(version.asText())
                            + " is not supported (expected "
                            + TelemetryEvent.SCHEMA_VERSION
                            + ")");
        }
        JsonNode deviceId = root.get(DEVICE_ID);
        if (isAbsent(deviceId)) {
            return missing(DEVICE_ID);
        }
        if (!deviceId.isTextual()) {
            return wrongType(DEVICE_ID, "a string", deviceId);
        }
        JsonNode familyNode = root.get(FAMILY);
        if (isAbsent(familyNode)) {
            return missing(FAMILY);
        }
        if (!familyNode.isTextual()) {
            return wrongType(FAMILY, "a string", familyNode);
        }
        Family family = Family.fromId(familyNode.textValue()).orElse(null);
        if (family == null) {
            return DecodeResult.rejected(
                    RejectReason.UNKNOWN_FAMILY,
                    "family '"
                            + abbreviate(familyNode.textValue())
                            + "' is not one of engine, vehicle, flight, energy");
        }
        JsonNode eventTime = root.get(EVENT_TIME);
        if (isAbsent(eventTime)) {
            return missing(EVENT_TIME);
        }
        if (!eventTime.isIntegralNumber() || !eventTime.canConvertToLong()) {
            return wrongType(EVENT_TIME, "an integer (epoch milliseconds)", eventTime);
        }
        JsonNode seq = root.get(SEQ);
        if (isAbsent(seq)) {
            return missing(SEQ);
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
            return wrongType(SEQ, "an integer", seq);
        }
        JsonNode phase = root.get(PHASE);
        if (phase != null && !phase.isNull() && !phase.isTextual()) {
            return wrongType(PHASE, "a string", phase);
        }
        JsonNode metricsNode = root.get(METRICS);
        if (isAbsent(metricsNode)) {
            return missing(METRICS);
        }
        if (!metricsNode.isObject()) {
            return wrongType(METRICS, "an object", metricsNode);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metricsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!value.isNumber()) {
                return wrongType(METRICS + "." + field.getKey(), "a number", value);
            }
            metrics.put(field.getKey(), value.doubleValue());
        }
        Position position = null;
        JsonNode positionNode = root.get(POSITION);
        if (positionNode != null && !positionNode.isNull()) {
            if (!positionNode.isObject()) {
                return wrongType(POSITION, "an object", positionNode);
            }
            JsonNode lat = positionNode.get(LAT);
            JsonNode lon = positionNode.get(LON);
            if (isAbsent(lat)) {
                return missing(POSITION + "." + LAT);
            }
            if (isAbsent(lon)) {
                return missing(POSITION + "." + LON);
            }
            if (!lat.isNumber()) {
                return wrongType(POSITION + "." + LAT, "a number", lat);
            }
            if (!lon.isNumber()) {
                return wrongType(POSITION + "." + LON, "a number", lon);
            }
            position = new Position(lat.doubleValue(), lon.doubleValue());
        }
        Map<String, String> attributes = null;
        JsonNode attributesNode = root.get(ATTRIBUTES);
        if (attributesNode != null && !attributesNode.isNull()) {
            if (!attributesNode.isObject()) {
                return wrongType(ATTRIBUTES, "an object", attributesNode);
            }
            attributes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = attributesNode.fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isTextual()) {
                    return wrongType(
                            ATTRIBUTES + "." + field.getKey(), "a string", field.getValue());
                }
                attributes.put(field.getKey(), field.getValue().textValue());
            }
        }
        return DecodeResult.ok(
                new TelemetryEvent(
                        version.intValue(),
                        deviceId.textValue(),
                        family,
                        eventTime.longValue(),
                        seq.longValue(),
                        phase == null || phase.isNull() ? null : phase.textValue(),
                        metrics,
                        position,
                        attributes));
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static DecodeResult missing(String field) {
        return DecodeResult.rejected(
                RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
    }

    private static DecodeResult wrongType(String field, String expected, JsonNode actual) {
        return DecodeResult.rejected(
                RejectReason.WRONG_TYPE,
                "field '" + field + "' must be " + expected + " but was " + describe(actual));
    }

    private static String describe(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return type + " " + abbreviate(node.toString());
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable JSON";
        }
        int newline = message.indexOf('\n');
        return abbreviate(newline < 0 ? message : message.substring(0, newline));
    }
}
