package dev.telemetry.job.model;

import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated telemetry reading as it flows through the job. A Flink POJO (public fields, no-arg
 * constructor) whose metric values sit in a {@code double[]} indexed by the family's canonical
 * metric order ({@link Metrics#of(Family)}), so no field falls back to Kryo and per-metric access
 * is an array lookup. Absent metrics and positions are {@code NaN}.
 */
public class Reading {

    public String deviceId;
    public Family family;
    public long eventTime;
    public long seq;

    /** Operating phase, or the empty string when unknown (POJO fields avoid nulls). */
    public String phase;

    /** Metric values in {@link Metrics#of(Family)} order; {@code NaN} when absent. */
    public double[] values;

    public double lat;
    public double lon;

    /** Flight callsign or other label; empty when absent. */
    public String label;

    public Reading() {}

    /** Converts a decoded, validated event. */
    public static Reading of(TelemetryEvent event) {
        Reading reading = new Reading();
        reading.deviceId = event.deviceId();
        reading.family = event.family();
        reading.eventTime = event.eventTime();
        reading.seq = event.seq();
        reading.phase = event.phase() == null ? "" : event.phase();
        List<MetricDefinition> defs = Metrics.of(event.family());
        double[] values = new double[defs.size()];
        Arrays.fill(values, Double.NaN);
        for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
            int index = Metrics.indexOf(event.family(), metric.getKey());
            if (index >= 0) {
                values[index] = metric.getValue();
            }
        }
        reading.values = values;
        reading.lat = event.position() == null ? Double.NaN : event.position().lat();
        reading.lon = event.position() == null ? Double.NaN : event.position().lon();
        String callsign = event.attributes().get("callsign");
        reading.label = callsign == null ? "" : callsign;
        return reading;
    }

    /** Value of a metric by catalogue name, or NaN if absent. */
    public double value(String metric) {
        int index = Metrics.indexOf(family, metric);
        return index < 0 ? Double.NaN : values[index];
    }

    /** True if the reading carries a valid position. */
    public boolean hasPosition() {
        return !Double.isNaN(lat) && !Double.isNaN(lon);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Reading other)) {
            return false;
        }
        return eventTime == other.eventTime
                && seq == other.seq
                && Objects.equals(deviceId, other.deviceId)
                && family == other.family
                && Objects.equals(phase, other.phase)
                && Arrays.equals(values, other.values)
                && Double.compare(lat, other.lat) == 0
                && Double.compare(lon, other.lon) == 0
                && Objects.equals(label, other.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, seq);
    }

    @Override
    public String toString() {
        return "Reading{"
                + deviceId
                + " "
                + family
                + " t="
                + eventTime
                + " seq="
                + seq
                + " phase="
                + phase
                + " "
                + Arrays.toString(values)
                + "}";
    }
}
