package dev.telemetry.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one event envelope shared by all families. See {@code docs/event-schema.md} for the wire
 * format.
 *
 * @param schemaVersion envelope version, {@link #SCHEMA_VERSION} today
 * @param deviceId stable device identifier (engine serial, VIN, ICAO 24-bit address, site id)
 * @param family asset family
 * @param eventTime when the reading was taken, epoch milliseconds UTC
 * @param seq per-device sequence number, strictly increasing at the source
 * @param phase operating phase (e.g. {@code mainstage}, {@code charging}, {@code cruise}); may be
 *     null when the source does not know it
 * @param metrics metric name to value, in the family's canonical order
 * @param position optional position
 * @param attributes optional string attributes (e.g. flight callsign)
 */
public record TelemetryEvent(
        int schemaVersion,
        String deviceId,
        Family family,
        long eventTime,
        long seq,
        String phase,
        Map<String, Double> metrics,
        Position position,
        Map<String, String> attributes) {

    /** The envelope version this code writes and accepts. */
    public static final int SCHEMA_VERSION = 1;

    public TelemetryEvent {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(family, "family");
        metrics =
                metrics == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        attributes =
                attributes == null || attributes.isEmpty()
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Value of a metric, or {@code Double.NaN} if absent. */
    public double metric(String name) {
        Double value = metrics.get(name);
        return value == null ? Double.NaN : value;
    }

    /** Returns a copy with another event time (replay with time shifting). */
    public TelemetryEvent withEventTime(long newEventTime) {
        return new TelemetryEvent(
                schemaVersion,
                deviceId,
                family,
                newEventTime,
                seq,
                phase,
                metrics,
                position,
                attributes);
    }

    /** Starts a builder for the current schema version. */
    public static Builder builder(String deviceId, Family family) {
        return new Builder(deviceId, family);
    }

    /** Builds events with metrics kept in insertion order. */
    public static final class Builder {
        private final String deviceId;
        private final Family family;
        private int schemaVersion = SCHEMA_VERSION;
        private long eventTime;
        private long seq;
        private String phase;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private Position position;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String deviceId, Family family) {
            this.deviceId = deviceId;
            this.family = family;
        }

        public Builder schemaVersion(int schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public Builder eventTime(long eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        public Builder phase(String phase) {
            this.phase = phase;
            return this;
        }

        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        public Builder position(Position position) {
            this.position = position;
            return this;
        }

        public Builder position(double lat, double lon) {
            this.position = new Position(lat, lon);
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.put(name, value);
            return this;
        }

        public TelemetryEvent build() {
            return new TelemetryEvent(
                    schemaVersion,
                    deviceId,
                    family,
                    eventTime,
                    seq,
                    phase,
                    metrics,
                    position,
                    attributes);
        }
    }
}
