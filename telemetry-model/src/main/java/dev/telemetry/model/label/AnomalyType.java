package dev.telemetry.model.label;

import dev.telemetry.model.Family;
import java.util.EnumSet;
import java.util.Set;

/** Kinds of physical anomaly the simulator injects and the job detects. */
public enum AnomalyType {
    /** Chamber pressure jumps well above its recent baseline within a short interval. */
    PRESSURE_SPIKE(EnumSet.of(Family.ENGINE)),
    /** Chamber or turbopump temperature keeps rising far beyond its steady state. */
    TEMPERATURE_RUNAWAY(EnumSet.of(Family.ENGINE)),
    /** Fuel flow drops and chamber pressure follows, or the mixture ratio leaves its band. */
    FUEL_SYSTEM_FAILURE(EnumSet.of(Family.ENGINE)),
    /** Battery temperature rises faster than any normal charge or discharge causes. */
    BATTERY_THERMAL_RUNAWAY(EnumSet.of(Family.VEHICLE, Family.ENERGY)),
    /** State of charge falls far faster than the drawn power explains. */
    SOC_COLLAPSE(EnumSet.of(Family.VEHICLE, Family.ENERGY)),
    /** Power beyond the asset's rating. */
    OVER_POWER(EnumSet.of(Family.VEHICLE, Family.ENERGY)),
    /** Altitude loss far faster than a normal descent, outside the landing phase. */
    RAPID_DESCENT(EnumSet.of(Family.FLIGHT)),
    /** Position or velocity jumps that no aircraft can perform. */
    IMPOSSIBLE_JUMP(EnumSet.of(Family.FLIGHT)),
    /** The device stops reporting while it is active. */
    SENSOR_DROPOUT(EnumSet.allOf(Family.class)),
    /** A sensor keeps reporting exactly the same value. */
    FROZEN_SENSOR(EnumSet.allOf(Family.class));

    private final Set<Family> families;

    AnomalyType(Set<Family> families) {
        this.families = families;
    }

    /** The families this anomaly can occur in. */
    public Set<Family> families() {
        return EnumSet.copyOf(families);
    }

    public boolean appliesTo(Family family) {
        return families.contains(family);
    }
}
