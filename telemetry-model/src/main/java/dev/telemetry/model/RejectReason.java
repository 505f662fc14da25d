package dev.telemetry.model;

/**
 * Why a record was rejected. The codes are stable: they appear in the dead-letter topic, the {@code
 * rejected_events} table, the simulator's ground-truth labels and dashboards.
 */
public enum RejectReason {
    /** The payload is not a JSON object (syntax error, truncated, not an object). */
    MALFORMED_JSON,
    /** The payload exceeds the maximum record size. */
    OVERSIZED_RECORD,
    /** A required envelope field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. a string where a number belongs). */
    WRONG_TYPE,
    /** The schema version is not one this code understands. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** The device id is empty, too long or contains characters outside the allowed set. */
    INVALID_DEVICE_ID,
    /** The family is not one of the known families. */
    UNKNOWN_FAMILY,
    /** The event carries no metrics at all. */
    NO_METRICS,
    /** A metric name is not defined for the event's family. */
    UNKNOWN_METRIC,
    /** A metric value is NaN or infinite. */
    NOT_FINITE,
    /** A power metric that cannot be negative is negative. */
    NEGATIVE_POWER,
    /** A metric value or the position lies outside its valid range. */
    OUT_OF_RANGE,
    /** The event time lies too far in the future relative to processing time. */
    FUTURE_EVENT_TIME,
    /** The event time lies too far in the past relative to processing time. */
    STALE_EVENT_TIME
}
