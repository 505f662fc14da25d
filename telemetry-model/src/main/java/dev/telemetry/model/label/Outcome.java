package dev.telemetry.model.label;

/** What the pipeline is expected to do with a record. */
public enum Outcome {
    /** Valid; counted in KPIs. */
    ACCEPTED,
    /** Rejected to the dead-letter topic and table with a reason. */
    REJECTED,
    /** Dropped as a duplicate of an earlier (device, seq), and counted. */
    DUPLICATE,
    /** Arrived after its window closed; routed to the late side output and counted. */
    LATE
}
