package dev.telemetry.job.config;

/** Default topic names, in one place. */
public final class Topics {

    /** Telemetry events, JSON, keyed by device id, record timestamp = event time. */
    public static final String TELEMETRY = "telemetry";

    /** Rejected records with reason, detail, source coordinates and (capped) payload. */
    public static final String DEAD_LETTER = "telemetry-dlq";

    /** Detection rule updates, one JSON rule per record (see {@code RuleParser}); compacted. */
    public static final String RULES = "telemetry-rules";

    private Topics() {}
}
