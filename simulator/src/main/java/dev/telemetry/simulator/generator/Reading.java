package dev.telemetry.simulator.generator;

import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import java.util.List;

/**
 * One reading being assembled by a device model: metric values in catalogue order, phase, optional
 * position and callsign. A single instance per family is reused for every reading, so generating
 * keeps no per-event state. Values are clamped into their catalogue range and rounded to the
 * family's resolution when set.
 *
 * <p>{@link #toJson} writes the reading in exactly the bytes {@link TelemetryJson#toBytes} gives
 * for {@link #toEvent} (a test holds it to that), several times faster.
 */
public final class Reading {

    /** Attribute that carries a flight's callsign. */
    public static final String CALLSIGN = "callsign";

    private static final byte[] DEVICE_ID_FIELD =
            JsonBytes.ascii(
                    "{\""
                            + TelemetryJson.SCHEMA_VERSION
                            + "\":"
                            + TelemetryEvent.SCHEMA_VERSION
                            + ",\""
                            + TelemetryJson.DEVICE_ID
                            + "\":\"");
    private static final byte[] SEQ_FIELD = JsonBytes.ascii(",\"" + TelemetryJson.SEQ + "\":");
    private static final byte[] PHASE_FIELD =
            JsonBytes.ascii(",\"" + TelemetryJson.PHASE + "\":\"");
    private static final byte[] METRICS_FIELD =
            JsonBytes.ascii(",\"" + TelemetryJson.METRICS + "\":{");
    private static final byte[] POSITION_FIELD =
            JsonBytes.ascii(",\"" + TelemetryJson.POSITION + "\":{\"" + TelemetryJson.LAT + "\":");
    private static final byte[] LON_FIELD = JsonBytes.ascii(",\"" + TelemetryJson.LON + "\":");
    private static final byte[] CALLSIGN_FIELD =
            JsonBytes.ascii(",\"" + TelemetryJson.ATTRIBUTES + "\":{\"" + CALLSIGN + "\":\"");
    private static final byte[] QUOTE = JsonBytes.ascii("\"");
    private static final byte[] CLOSE = JsonBytes.ascii("}");
    private static final byte[] QUOTE_CLOSE = JsonBytes.ascii("\"}");

    private final Family family;
    private final MetricDefinition[] metrics;
    private final int[] decimals;
    private final double[] scales;
    private final double[] values;
    private final int positionDecimals;
    private final double positionScale;
    private final byte[] familyFields;
    private final byte[][] metricFields;
    private final JsonBytes json = new JsonBytes();
    private String phase;
    private boolean hasPosition;
    private double lat;
    private double lon;
    private String callsign;

    Reading(Family family, int[] decimals, int positionDecimals) {
        List<MetricDefinition> catalogue = Metrics.of(family);
        if (decimals.length != catalogue.size()) {
            throw new IllegalArgumentException("one resolution per metric of " + family);
        }
        this.family = family;
        this.metrics = catalogue.toArray(new MetricDefinition[0]);
        this.decimals = decimals.clone();
        this.scales = new double[decimals.length];
        this.metricFields = new byte[decimals.length][];
        for (int i = 0; i < decimals.length; i++) {
            scales[i] = Math.pow(10, decimals[i]);
            metricFields[i] = JsonBytes.ascii((i > 0 ? ",\"" : "\"") + metrics[i].name() + "\":");
        }
        this.values = new double[decimals.length];
        this.positionDecimals = positionDecimals;
        this.positionScale = Math.pow(10, positionDecimals);
        this.familyFields =
                JsonBytes.ascii(
                        "\",\""
                                + TelemetryJson.FAMILY
                                + "\":\""
                                + family.id()
                                + "\",\""
                                + TelemetryJson.EVENT_TIME
                                + "\":");
    }

    /** The value of a metric by catalogue index, as it will be reported. */
    public double value(int metric) {
        return values[metric];
    }

    /** Sets a metric by catalogue index, clamped into its valid range and rounded. */
    void set(int metric, double value) {
        values[metric] = round(metrics[metric].clamp(value), scales[metric]);
    }

    /** Replaces a reported value by one this reading reported before (a frozen sensor). */
    public void override(int metric, double value) {
        values[metric] = value;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    void position(double lat, double lon) {
        this.hasPosition = true;
        this.lat = round(lat, positionScale);
        this.lon = round(lon, positionScale);
    }

    void callsign(String callsign) {
        this.callsign = callsign;
    }

    /** The reading as a wire event. */
    TelemetryEvent toEvent(String deviceId, long eventTime, long seq) {
        TelemetryEvent.Builder builder =
                TelemetryEvent.builder(deviceId, family).eventTime(eventTime).seq(seq).phase(phase);
        for (int i = 0; i < values.length; i++) {
            builder.metric(metrics[i].name(), values[i]);
        }
        if (hasPosition) {
            builder.position(lat, lon);
        }
        if (callsign != null) {
            builder.attribute(CALLSIGN, callsign);
        }
        return builder.build();
    }

    /** The reading in the wire format: the bytes {@code TelemetryJson.toBytes(toEvent(...))}. */
    public byte[] toJson(String deviceId, long eventTime, long seq) {
        json.reset();
        json.raw(DEVICE_ID_FIELD);
        json.identifier(deviceId);
        json.raw(familyFields);
        json.integer(eventTime);
        json.raw(SEQ_FIELD);
        json.integer(seq);
        if (phase != null) {
            json.raw(PHASE_FIELD);
            json.identifier(phase);
            json.raw(QUOTE);
        }
        json.raw(METRICS_FIELD);
        for (int i = 0; i < values.length; i++) {
            json.raw(metricFields[i]);
            json.decimal(values[i], decimals[i]);
        }
        json.raw(CLOSE);
        if (hasPosition) {
            json.raw(POSITION_FIELD);
            json.decimal(lat, positionDecimals);
            json.raw(LON_FIELD);
            json.decimal(lon, positionDecimals);
            json.raw(CLOSE);
        }
        if (callsign != null) {
            json.raw(CALLSIGN_FIELD);
            json.identifier(callsign);
            json.raw(QUOTE_CLOSE);
        }
        json.raw(CLOSE);
        return json.toByteArray();
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
