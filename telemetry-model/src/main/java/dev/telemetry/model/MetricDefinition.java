package dev.telemetry.model;

import java.util.Objects;

/**
 * One telemetry metric: its wire name, unit and physically valid range, defined once and reused by
 * the simulator, the validator, the KPI computation and the SQL tests.
 *
 * @param family the family that reports the metric
 * @param name the wire name (snake_case, unit suffix)
 * @param unit the unit symbol
 * @param min smallest valid value (inclusive)
 * @param max largest valid value (inclusive)
 * @param kind what the metric measures; {@link Kind#POWER_NON_NEGATIVE} values below zero are
 *     rejected as negative power rather than as out of range
 * @param description one line for documentation
 */
public record MetricDefinition(
        Family family,
        String name,
        String unit,
        double min,
        double max,
        Kind kind,
        String description) {

    /** The role a metric plays; lets validation give a more specific reason. */
    public enum Kind {
        /** Any ordinary gauge. */
        GAUGE,
        /** A power that may be negative (charging, regeneration). */
        POWER_SIGNED,
        /** A power that physically cannot be negative (e.g. photovoltaic generation). */
        POWER_NON_NEGATIVE,
        /** A 0/1 flag carried as a number. */
        FLAG
    }

    public MetricDefinition {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        if (!(min <= max)) {
            throw new IllegalArgumentException("min > max for " + name);
        }
    }

    /** True if {@code value} is finite and inside {@code [min, max]}. */
    public boolean inRange(double value) {
        return value >= min && value <= max;
    }

    /** Clamps a value into the valid range; generators use it to stay physical. */
    public double clamp(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
