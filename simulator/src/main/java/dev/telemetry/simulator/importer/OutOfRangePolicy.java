package dev.telemetry.simulator.importer;

import dev.telemetry.model.MetricDefinition;

/** What an importer does with a value outside its metric's valid range. */
public enum OutOfRangePolicy {
    /** Drop the whole row and count it (default: imported data stays valid). */
    SKIP,
    /** Clamp the value into the range and count it. */
    CLAMP,
    /** Write the value as is and count it; the pipeline will reject the event as out of range. */
    KEEP;

    /** The value to write, or null if the row must be skipped. */
    Double apply(MetricDefinition metric, double value) {
        if (metric.inRange(value) || this == KEEP) {
            return value;
        }
        return this == CLAMP ? metric.clamp(value) : null;
    }
}
