package dev.telemetry.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.RejectReason;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Classes of bad input for {@link BadInputFuzzE2ECase}, each with the outcome the job must reach:
 * rejected with a given reason, counted as a duplicate, or counted as late. A record is made for a
 * Kafka timestamp (the stream time where it is inserted), because the event-time checks are
 * relative to it. Everything is deterministic.
 */
final class FuzzCorpus {

    /** What the job must do with every record of a class. */
    enum Outcome {
        REJECTED,
        DUPLICATE,
        LATE
    }

    /**
     * One class of bad input.
     *
     * @param name readable name, also part of the records' Kafka keys
     * @param outcome what the job must do with its records
     * @param reason the expected {@code rejected_events.reason} for rejected classes, else null
     * @param records one factory per record: Kafka timestamp → record
     */
    record FuzzClass(
            String name,
            Outcome outcome,
            RejectReason reason,
            List<LongFunction<InputRecord>> records) {
        FuzzClass {
            records = List.copyOf(records);
        }
    }

    /** A valid reading of this device is repeated {@value #DUPLICATE_COPIES} times in a burst. */
    static final String DUPLICATE_DEVICE = "fuzz-duplicate-storm";

    static final int DUPLICATE_COPIES = 50;

    /** This device sends on-time readings, later readings far behind the stream. */
    static final String LATE_DEVICE = "fuzz-late";

    static final int LATE_ON_TIME = 5;
    static final int LATE_READINGS = 10;

    /** How far behind the stream time late readings are: their window closed long ago. */
    static final Duration LATENESS = Duration.ofSeconds(150);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PLACEHOLDER_METRIC = Metrics.VIBRATION_G;
    private static final String PLACEHOLDER_VALUE = "4.2421";

    private FuzzCorpus() {}

    /** The classes whose records must all end up in {@code rejected_events}. */
    static List<FuzzClass> rejectedClasses() {
        List<FuzzClass> classes = new ArrayList<>();
        rejected(
                classes,
                "truncated JSON",
                RejectReason.MALFORMED_JSON,
                ts -> Arrays.copyOf(bytes(engine(ts)), 1),
                ts -> Arrays.copyOf(bytes(engine(ts)), bytes(engine(ts)).length / 2),
                ts -> Arrays.copyOf(bytes(engine(ts)), bytes(engine(ts)).length - 1));
        rejected(
                classes,
                "plain text",
                RejectReason.MALFORMED_JSON,
                ts -> utf8("hello"),
                ts -> utf8("chamber_pressure_bar=210.5;device=engine-001"));
        rejected(
                classes,
                "binary garbage",
                RejectReason.MALFORMED_JSON,
                ts -> garbage(16, 1),
                ts -> garbage(512, 2),
                ts -> garbage(8192, 3));
        rejected(classes, "empty value", RejectReason.MALFORMED_JSON, ts -> new byte[0]);
        rejected(classes, "null value (tombstone)", RejectReason.MALFORMED_JSON, ts -> null);
        rejected(
                classes,
                "JSON that is not an object",
                RejectReason.MALFORMED_JSON,
                ts -> utf8("[1,2,3]"),
                ts -> utf8("42"),
                ts -> utf8("\"engine\""),
                ts -> utf8("null"),
                ts -> utf8("true"));
        rejected(
                classes,
                "invalid UTF-8",
                RejectReason.MALFORMED_JSON,
                ts -> replace(bytes(engine(ts)), "fuzz-engine", new byte[] {(byte) 0xC3, 0x28}),
                ts -> replace(bytes(engine(ts)), "fuzz-engine", new byte[] {(byte) 0xFF}));
        rejected(
                classes,
                "nesting beyond the parser's limit",
                RejectReason.MALFORMED_JSON,
                ts ->
                        utf8(
                                text(engine(ts))
                                                .replaceFirst(
                                                        "\\}$",
                                                        ",\"attributes\":" + "[".repeat(5_000))
                                        + "]".repeat(5_000)
                                        + "}"));
        rejected(
                classes,
                "oversized record",
                RejectReason.OVERSIZED_RECORD,
                ts -> padded(engine(ts), 64 * 1024 + 1),
                ts -> padded(engine(ts), 600_000));
        List<LongFunction<byte[]>> missing = new ArrayList<>();
        for (String field :
                List.of(
                        TelemetryJson.SCHEMA_VERSION,
                        TelemetryJson.DEVICE_ID,
                        TelemetryJson.FAMILY,
                        TelemetryJson.EVENT_TIME,
                        TelemetryJson.SEQ,
                        TelemetryJson.METRICS)) {
            missing.add(ts -> bytes(engine(ts, e -> e.remove(field))));
        }
        rejected(classes, "missing required field", RejectReason.MISSING_FIELD, missing);
        rejected(
                classes,
                "required field null",
                RejectReason.MISSING_FIELD,
                ts -> bytes(engine(ts, e -> e.putNull(TelemetryJson.DEVICE_ID))),
                ts -> bytes(engine(ts, e -> e.putNull(TelemetryJson.EVENT_TIME))),
                ts -> bytes(engine(ts, e -> e.putNull(TelemetryJson.METRICS))));
        rejected(
                classes,
                "wrong JSON type",
                RejectReason.WRONG_TYPE,
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.SCHEMA_VERSION, "1"))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.DEVICE_ID, 42))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.FAMILY, 7))),
                ts ->
                        bytes(
                                engine(
                                        ts,
                                        e ->
                                                e.put(
                                                        TelemetryJson.EVENT_TIME,
                                                        "2024-01-01T00:00:00Z"))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.SEQ, 1.5))),
                ts -> bytes(engine(ts, e -> metrics(e).put(PLACEHOLDER_METRIC, "12.5"))),
                ts -> bytes(engine(ts, e -> metrics(e).put(PLACEHOLDER_METRIC, true))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.PHASE, 3))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.POSITION, "N47 E8"))),
                ts ->
                        bytes(
                                engine(
                                        ts,
                                        e ->
                                                e.putObject(TelemetryJson.POSITION)
                                                        .put(TelemetryJson.LAT, "47")
                                                        .put(TelemetryJson.LON, 8))),
                ts -> bytes(engine(ts, e -> e.putObject(TelemetryJson.ATTRIBUTES).put("gate", 1))),
                ts -> bytes(engine(ts, e -> e.putArray(TelemetryJson.ATTRIBUTES))));
        rejected(
                classes,
                "metrics object as array",
                RejectReason.WRONG_TYPE,
                ts -> bytes(engine(ts, e -> e.putArray(TelemetryJson.METRICS).add(1).add(2))),
                ts ->
                        bytes(
                                engine(
                                        ts,
                                        e ->
                                                e.putArray(TelemetryJson.METRICS)
                                                        .addObject()
                                                        .put(PLACEHOLDER_METRIC, 1.0))));
        rejected(
                classes,
                "deeply nested metric value",
                RejectReason.WRONG_TYPE,
                ts -> bytes(engine(ts, e -> metrics(e).set(PLACEHOLDER_METRIC, nested(200)))));
        rejected(
                classes,
                "integer overflow",
                RejectReason.WRONG_TYPE,
                ts -> placeholder(ts, TelemetryJson.EVENT_TIME, "1e30"),
                ts -> placeholder(ts, TelemetryJson.EVENT_TIME, "99999999999999999999999"),
                ts -> placeholder(ts, TelemetryJson.SEQ, "18446744073709551616"));
        rejected(
                classes,
                "NaN and infinities",
                RejectReason.NOT_FINITE,
                ts -> placeholder(ts, "NaN"),
                ts -> placeholder(ts, "Infinity"),
                ts -> placeholder(ts, "-Infinity"),
                ts -> placeholder(ts, "1e400"));
        rejected(
                classes,
                "future event time",
                RejectReason.FUTURE_EVENT_TIME,
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.EVENT_TIME, ts + 6 * 60_000))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.EVENT_TIME, ts + 86_400_000))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.EVENT_TIME, 4_102_444_800_000L))));
        rejected(
                classes,
                "ancient event time",
                RejectReason.STALE_EVENT_TIME,
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.EVENT_TIME, 0))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.EVENT_TIME, ts - 8 * 86_400_000L))),
                ts ->
                        bytes(
                                engine(
                                        ts,
                                        e ->
                                                e.put(
                                                        TelemetryJson.EVENT_TIME,
                                                        -62_135_596_800_000L))));
        rejected(
                classes,
                "unknown family",
                RejectReason.UNKNOWN_FAMILY,
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.FAMILY, "spaceship"))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.FAMILY, ""))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.FAMILY, "engine "))),
                // Cyrillic "е": looks like "engine".
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.FAMILY, "\u0435ngine"))));
        rejected(
                classes,
                "unsupported schema version",
                RejectReason.UNSUPPORTED_SCHEMA_VERSION,
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.SCHEMA_VERSION, 0))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.SCHEMA_VERSION, 2))),
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.SCHEMA_VERSION, -1))),
                ts ->
                        bytes(
                                engine(
                                        ts,
                                        e ->
                                                e.put(
                                                        TelemetryJson.SCHEMA_VERSION,
                                                        Integer.MAX_VALUE))),
                // 2^32 + 1: wraps to 1 if read as an int.
                ts -> bytes(engine(ts, e -> e.put(TelemetryJson.SCHEMA_VERSION, 4_294_967_297L))));
        List<String> badIds =
                List.of(
                        "",
                        "a".repeat(65),
                        "a".repeat(10_000),
                        "dev ice",
                        "d\u00e9v-\u00fc",
                        "\uD83D\uDE80-01",
                        "dev\u0000id",
                        "dev\u202Eid",
                        "../../etc/passwd",
                        "\uD800");
        List<LongFunction<InputRecord>> badIdRecords = new ArrayList<>();
        for (String id : badIds) {
            // The device id is the Kafka key too, as a producer keying by device would send it.
            badIdRecords.add(
                    ts ->
                            new InputRecord(
                                    id,
                                    ts,
                                    bytes(engine(ts, e -> e.put(TelemetryJson.DEVICE_ID, id)))));
        }
        classes.add(
                new FuzzClass(
                        "invalid device id",
                        Outcome.REJECTED,
                        RejectReason.INVALID_DEVICE_ID,
                        badIdRecords));
        rejected(
                classes,
                "no metrics",
                RejectReason.NO_METRICS,
                ts -> bytes(engine(ts, e -> e.putObject(TelemetryJson.METRICS))));
        rejected(
                classes,
                "unknown metric",
                RejectReason.UNKNOWN_METRIC,
                ts -> bytes(engine(ts, e -> metrics(e).put("warp_factor", 9.0))),
                ts -> bytes(engine(ts, e -> metrics(e).put(PLACEHOLDER_METRIC + "\u200B", 1.0))),
                ts -> bytes(engine(ts, e -> metrics(e).put("VIBRATION_G", 1.0))),
                ts -> bytes(engine(ts, e -> metrics(e).put("", 1.0))));
        rejected(
                classes,
                "out of range",
                RejectReason.OUT_OF_RANGE,
                ts -> bytes(engine(ts, e -> metrics(e).put(Metrics.PERFORMANCE_SCORE, 1000.0))),
                ts -> bytes(engine(ts, e -> metrics(e).put(Metrics.CHAMBER_TEMP_K, -5.0))),
                ts -> bytes(engine(ts, e -> position(e, 91, 8))),
                ts -> bytes(engine(ts, e -> position(e, 47, -181))));
        rejected(
                classes,
                "negative power",
                RejectReason.NEGATIVE_POWER,
                ts ->
                        bytes(
                                event(
                                        "fuzz-energy",
                                        Family.ENERGY,
                                        ts,
                                        1,
                                        e -> metrics(e).put(Metrics.SOLAR_POWER_W, -100.0))));
        return classes;
    }

    /** A valid engine reading of {@code device}: every metric mid-range. */
    static byte[] validReading(String device, long eventTime, long seq) {
        return bytes(event(device, Family.ENGINE, eventTime, seq, e -> {}));
    }

    // ------------------------------------------------------------------ building blocks

    @SafeVarargs
    private static void rejected(
            List<FuzzClass> classes,
            String name,
            RejectReason reason,
            LongFunction<byte[]>... payloads) {
        rejected(classes, name, reason, List.of(payloads));
    }

    private static void rejected(
            List<FuzzClass> classes,
            String name,
            RejectReason reason,
            List<LongFunction<byte[]>> payloads) {
        List<LongFunction<InputRecord>> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String key = "fuzz-" + name.replace(' ', '-') + "-" + i;
            LongFunction<byte[]> payload = payloads.get(i);
            records.add(ts -> new InputRecord(key, ts, payload.apply(ts)));
        }
        classes.add(new FuzzClass(name, Outcome.REJECTED, reason, records));
    }

    private static ObjectNode engine(long eventTime) {
        return engine(eventTime, e -> {});
    }

    private static ObjectNode engine(long eventTime, Consumer<ObjectNode> change) {
        return event("fuzz-engine", Family.ENGINE, eventTime, 1, change);
    }

    /** A valid event as a JSON tree, then changed. */
    private static ObjectNode event(
            String device, Family family, long eventTime, long seq, Consumer<ObjectNode> change) {
        TelemetryEvent.Builder builder =
                TelemetryEvent.builder(device, family).eventTime(eventTime).seq(seq);
        for (MetricDefinition metric : Metrics.of(family)) {
            builder.metric(
                    metric.name(),
                    metric.name().equals(PLACEHOLDER_METRIC)
                            ? Double.parseDouble(PLACEHOLDER_VALUE)
                            : (metric.min() + metric.max()) / 2);
        }
        try {
            ObjectNode tree =
                    (ObjectNode)
                            TelemetryJson.mapper().readTree(TelemetryJson.toBytes(builder.build()));
            change.accept(tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode metrics(ObjectNode event) {
        return (ObjectNode) event.get(TelemetryJson.METRICS);
    }

    private static void position(ObjectNode event, double lat, double lon) {
        event.putObject(TelemetryJson.POSITION)
                .put(TelemetryJson.LAT, lat)
                .put(TelemetryJson.LON, lon);
    }

    private static ObjectNode nested(int depth) {
        ObjectNode root = JSON.objectNode();
        ObjectNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.putObject("v");
        }
        current.put("v", 1.0);
        return root;
    }

    /** The placeholder metric's value replaced by a raw token, e.g. {@code NaN}. */
    private static byte[] placeholder(long ts, String token) {
        String json = text(engine(ts));
        String field = "\"" + PLACEHOLDER_METRIC + "\":" + PLACEHOLDER_VALUE;
        return utf8(json.replace(field, "\"" + PLACEHOLDER_METRIC + "\":" + token));
    }

    /** A top-level integer field's value replaced by a raw token. */
    private static byte[] placeholder(long ts, String field, String token) {
        ObjectNode event = engine(ts);
        String json = text(event);
        String original = "\"" + field + "\":" + event.get(field).asText();
        return utf8(json.replace(original, "\"" + field + "\":" + token));
    }

    /** A valid event padded with an attribute to exactly {@code size} bytes. */
    private static byte[] padded(ObjectNode event, int size) {
        ObjectNode copy = event.deepCopy();
        copy.putObject(TelemetryJson.ATTRIBUTES).put("padding", "");
        int base = bytes(copy).length;
        copy.putObject(TelemetryJson.ATTRIBUTES).put("padding", "x".repeat(size - base));
        byte[] bytes = bytes(copy);
        if (bytes.length != size) {
            throw new IllegalStateException("padded to " + bytes.length + " not " + size);
        }
        return bytes;
    }

    private static byte[] garbage(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        bytes[0] = 0x01; // a control character: never the start of a JSON document
        return bytes;
    }

    private static byte[] replace(byte[] payload, String ascii, byte[] with) {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(ascii);
        byte[] out = new byte[payload.length - ascii.length() + with.length];
        System.arraycopy(payload, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(
                payload,
                at + ascii.length(),
                out,
                at + with.length,
                payload.length - at - ascii.length());
        return out;
    }

    private static byte[] bytes(ObjectNode tree) {
        try {
            return TelemetryJson.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ObjectNode tree) {
        return new String(bytes(tree), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
