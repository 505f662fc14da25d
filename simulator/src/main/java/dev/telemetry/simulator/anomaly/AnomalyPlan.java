package dev.telemetry.simulator.anomaly;

import dev.telemetry.model.label.AnomalyType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which anomaly types a simulation injects, and whether some are forced in addition to the random
 * ones.
 *
 * @param types the enabled types; others are never injected
 * @param forcedPerType for every simulated family and every enabled type that applies to it, this
 *     many anomalies are started as early as devices allow (each on a device that is free and
 *     eligible), on top of the random ones; 0 for purely random injection
 */
public record AnomalyPlan(Set<AnomalyType> types, int forcedPerType) {

    public AnomalyPlan {
        Objects.requireNonNull(types, "types");
        types = types.isEmpty() ? EnumSet.noneOf(AnomalyType.class) : EnumSet.copyOf(types);
        if (forcedPerType < 0) {
            throw new IllegalArgumentException("forcedPerType must be >= 0");
        }
    }

    /** Every type, at the random rate only. */
    public static AnomalyPlan random() {
        return new AnomalyPlan(EnumSet.allOf(AnomalyType.class), 0);
    }

    /** Every type, with {@code count} of each per family forced early (for tests and demos). */
    public static AnomalyPlan everyType(int count) {
        return new AnomalyPlan(EnumSet.allOf(AnomalyType.class), count);
    }

    /** Only the given types, at the random rate. */
    public static AnomalyPlan only(Set<AnomalyType> types) {
        return new AnomalyPlan(types, 0);
    }

    public boolean enabled(AnomalyType type) {
        return types.contains(type);
    }
}
