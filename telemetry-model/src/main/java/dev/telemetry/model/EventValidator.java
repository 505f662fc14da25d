package dev.telemetry.model;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Semantic validation of a decoded event against the metric catalogue: schema version, device id,
 * metric names, finiteness, valid ranges, negative power, and event-time bounds relative to a
 * reference time the caller supplies (so replays and tests stay deterministic).
 */
public final class EventValidator {

    /** Allowed device id characters; length 1..{@value #MAX_DEVICE_ID_LENGTH}. */
    public static final Pattern DEVICE_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:\\-]+");

    public static final int MAX_DEVICE_ID_LENGTH = 64;

    /** Default tolerance for event times ahead of the reference clock. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);

    /** Default tolerance for event times behind the reference clock. */
    public static final Duration DEFAULT_MAX_PAST = Duration.ofDays(7);

    private final long maxFutureMillis;
    private final long maxPastMillis;

    public EventValidator(Duration maxFuture, Duration maxPast) {
        this.maxFutureMillis = maxFuture.toMillis();
        this.maxPastMillis = maxPast.toMillis();
    }

    /** A validator with the default time bounds. */
    public static EventValidator withDefaults() {
        return new EventValidator(DEFAULT_MAX_FUTURE, DEFAULT_MAX_PAST);
    }

    /**
     * Validates an event.
     *
     * @param event a structurally valid event
     * @param referenceTimeMillis "now" for the event-time bounds
     * @return the rejection, or null if the event is valid
     */
    public Rejection validate(TelemetryEvent event, long referenceTimeMillis) {
        if (event.schemaVersion() != TelemetryEvent.SCHEMA_VERSION) {
            return new Rejection(
                    RejectReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schema_version "
                            + event.schemaVersion()
                            + " is not supported (expected "
                            + TelemetryEvent.SCHEMA_VERSION
                            + ")");
        }
        String deviceId = event.deviceId();
        if (deviceId.isEmpty()
                || deviceId.length() > MAX_DEVICE_ID_LENGTH
                || !DEVICE_ID_PATTERN.matcher(deviceId).matches()) {
            return new Rejection(
                    RejectReason.INVALID_DEVICE_ID,
                    "device_id '"
                            + TelemetryJson.abbreviate(deviceId)
                            + "' must be 1-"
                            + MAX_DEVICE_ID_LENGTH
                            + " characters of [A-Za-z0-9._:-]");
        }
        if (event.metrics().isEmpty()) {
            return new Rejection(RejectReason.NO_METRICS, "event carries no metrics");
        }
        for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
            Rejection rejection =
                    validateMetric(event.family(), metric.getKey(), metric.getValue());
            if (rejection != null) {
                return rejection;
            }
        }
        Position position = event.position();
        if (position != null && !position.isValid()) {
            return new Rejection(
                    RejectReason.OUT_OF_RANGE,
                    "position ("
                            + position.lat()
                            + ", "
                            + position.lon()
                            + ") is not a valid coordinate");
        }
        long eventTime = event.eventTime();
        if (eventTime > referenceTimeMillis + maxFutureMillis) {
            return new Rejection(
                    RejectReason.FUTURE_EVENT_TIME,
                    "event_time "
                            + eventTime
                            + " is "
                            + (eventTime - referenceTimeMillis)
                            + " ms ahead of the clock (limit "
                            + maxFutureMillis
                            + " ms)");
        }
        if (eventTime < referenceTimeMillis - maxPastMillis) {
            return new Rejection(
                    RejectReason.STALE_EVENT_TIME,
                    "event_time "
                            + eventTime
                            + " is "
                            + (referenceTimeMillis - eventTime)
                            + " ms behind the clock (limit "
                            + maxPastMillis
                            + " ms)");
        }
        return null;
    }

    private static Rejection validateMetric(Family family, String name, double value) {
        MetricDefinition def = Metrics.find(family, name).orElse(null);
        if (def == null) {
            return new Rejection(
                    RejectReason.UNKNOWN_METRIC,
                    "metric '"
                            + TelemetryJson.abbreviate(name)
                            + "' is not defined for family "
                            + family);
        }
        if (!Double.isFinite(value)) {
            return new Rejection(RejectReason.NOT_FINITE, "metric " + name + " is " + value);
        }
        if (value < 0 && def.kind() == MetricDefinition.Kind.POWER_NON_NEGATIVE) {
            return new Rejection(
                    RejectReason.NEGATIVE_POWER,
                    "metric " + name + "=" + value + " " + def.unit() + " cannot be negative");
        }
        if (!def.inRange(value)) {
            return new Rejection(
                    RejectReason.OUT_OF_RANGE,
                    "metric "
                            + name
                            + "="
                            + value
                            + " outside ["
                            + def.min()
                            + ", "
                            + def.max()
                            + "] "
                            + def.unit());
        }
        return null;
    }
}
