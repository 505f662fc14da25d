package dev.telemetry.job.rules;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every run-time parameter a rule can set: its detector, JSON name, fallback value, valid range and
 * unit. A rule that omits a parameter gets the fallback; a rule with an unknown name or a value
 * outside the range is rejected. Each detector's Javadoc explains its parameters; the shipped
 * per-family, per-phase values are in {@code rules/default-rules.json}.
 *
 * <p>Parameters with a null {@link #type()} are common to every detector (lifecycle tuning).
 * Readings carry the resolved values in a flat array per family that holds only the detectors
 * running for that family; {@link #slot(Family, AnomalyType)} gives the index.
 */
public enum RuleParam {
    // Common to all detectors: how the alert lifecycle resolves.
    CLEAR_READINGS(
            null,
            "clear_readings",
            3,
            1,
            1000,
            "readings",
            "Consecutive readings on the safe side of the clear level that resolve an alert"),
    RESOLVE_TIMEOUT_S(
            null,
            "resolve_timeout_s",
            30,
            1,
            86_400,
            "s",
            "Event-time seconds without a firing after which an alert resolves"),
    CLEAR_MARGIN_PCT(
            null,
            "clear_margin_pct",
            10,
            0,
            100,
            "%",
            "Hysteresis: the clear level lies this far inside the trigger threshold"),

    PRESSURE_SPIKE_RISE_PCT(
            AnomalyType.PRESSURE_SPIKE,
            "rise_pct",
            25,
            1,
            1000,
            "%",
            "Rise of chamber pressure above its rolling baseline"),
    PRESSURE_SPIKE_MIN_RISE_BAR(
            AnomalyType.PRESSURE_SPIKE,
            "min_rise_bar",
            15,
            0,
            300,
            "bar",
            "Smallest absolute rise that counts, so low-pressure noise never fires"),
    PRESSURE_SPIKE_MAX_BAR(
            AnomalyType.PRESSURE_SPIKE,
            "max_bar",
            300,
            0,
            300,
            "bar",
            "Absolute ceiling that counts as a spike whatever the baseline (for ramps, where a baseline means little)"),

    TEMPERATURE_RUNAWAY_FLOOR_K(
            AnomalyType.TEMPERATURE_RUNAWAY,
            "floor_k",
            1000,
            200,
            4500,
            "K",
            "Chamber temperature the last rising reading must reach"),
    TEMPERATURE_RUNAWAY_MIN_RISE_K(
            AnomalyType.TEMPERATURE_RUNAWAY,
            "min_rise_k",
            25,
            0.1,
            4000,
            "K",
            "Total chamber temperature rise over the consecutive rising readings"),
    TEMPERATURE_RUNAWAY_PUMP_FLOOR_K(
            AnomalyType.TEMPERATURE_RUNAWAY,
            "pump_floor_k",
            655,
            200,
            1500,
            "K",
            "Turbopump temperature the last rising reading must reach (above its steady state, so"
                    + " the normal warm-up never counts)"),
    TEMPERATURE_RUNAWAY_PUMP_MIN_RISE_K(
            AnomalyType.TEMPERATURE_RUNAWAY,
            "pump_min_rise_k",
            25,
            0.1,
            1300,
            "K",
            "Total turbopump temperature rise over the consecutive rising readings"),
    TEMPERATURE_RUNAWAY_MAX_SPAN_S(
            AnomalyType.TEMPERATURE_RUNAWAY,
            "max_span_s",
            10,
            0.1,
            60,
            "s",
            "The rise must happen within this many seconds"),

    FUEL_SYSTEM_FAILURE_FUEL_DROP_PCT(
            AnomalyType.FUEL_SYSTEM_FAILURE,
            "fuel_drop_pct",
            25,
            1,
            100,
            "%",
            "Drop of fuel flow below its rolling baseline"),
    FUEL_SYSTEM_FAILURE_PRESSURE_DROP_PCT(
            AnomalyType.FUEL_SYSTEM_FAILURE,
            "pressure_drop_pct",
            10,
            0,
            100,
            "%",
            "Simultaneous drop of chamber pressure below its rolling baseline"),
    FUEL_SYSTEM_FAILURE_MIXTURE_MIN(
            AnomalyType.FUEL_SYSTEM_FAILURE,
            "mixture_min",
            1.8,
            0,
            10,
            "O/F",
            "Lower edge of the mixture-ratio band"),
    FUEL_SYSTEM_FAILURE_MIXTURE_MAX(
            AnomalyType.FUEL_SYSTEM_FAILURE,
            "mixture_max",
            3.4,
            0,
            10,
            "O/F",
            "Upper edge of the mixture-ratio band"),

    BATTERY_THERMAL_RUNAWAY_RATE_C_PER_MIN(
            AnomalyType.BATTERY_THERMAL_RUNAWAY,
            "rate_c_per_min",
            6,
            0.1,
            600,
            "°C/min",
            "Temperature rise rate over the observed readings"),
    BATTERY_THERMAL_RUNAWAY_FLOOR_C(
            AnomalyType.BATTERY_THERMAL_RUNAWAY,
            "floor_c",
            -40,
            -40,
            150,
            "°C",
            "The last reading must be at least this warm"),

    SOC_COLLAPSE_DROP_PCT(
            AnomalyType.SOC_COLLAPSE,
            "drop_pct",
            1.5,
            0.1,
            100,
            "%",
            "State-of-charge loss beyond what the drawn power explains"),
    SOC_COLLAPSE_CAPACITY_KWH(
            AnomalyType.SOC_COLLAPSE,
            "capacity_kwh",
            75,
            0.1,
            1_000_000,
            "kWh",
            "Usable battery capacity, to explain the loss from power"),

    OVER_POWER_MAX_DISCHARGE_KW(
            AnomalyType.OVER_POWER,
            "max_discharge_kw",
            200,
            0,
            1_000_000,
            "kW",
            "Rated discharge power"),
    OVER_POWER_MAX_CHARGE_KW(
            AnomalyType.OVER_POWER,
            "max_charge_kw",
            200,
            0,
            1_000_000,
            "kW",
            "Rated charge (and regeneration) power, as a positive number"),

    RAPID_DESCENT_MAX_DESCENT_MS(
            AnomalyType.RAPID_DESCENT,
            "max_descent_ms",
            25,
            1,
            100,
            "m/s",
            "Largest normal sink rate (reported vertical rate or altitude change)"),

    IMPOSSIBLE_JUMP_MAX_SPEED_MS(
            AnomalyType.IMPOSSIBLE_JUMP,
            "max_speed_ms",
            450,
            1,
            100_000,
            "m/s",
            "Largest ground speed implied by two consecutive positions"),
    IMPOSSIBLE_JUMP_MAX_ACCEL_MS2(
            AnomalyType.IMPOSSIBLE_JUMP,
            "max_accel_ms2",
            25,
            0.1,
            10_000,
            "m/s²",
            "Largest change of reported velocity per second"),

    SENSOR_DROPOUT_TIMEOUT_S(
            AnomalyType.SENSOR_DROPOUT,
            "timeout_s",
            3,
            0.1,
            86_400,
            "s",
            "Event-time silence of an active device that counts as a dropout"),

    FROZEN_SENSOR_READINGS(
            AnomalyType.FROZEN_SENSOR,
            "readings",
            5,
            2,
            100_000,
            "readings",
            "Consecutive identical values of one metric that count as frozen"),
    FROZEN_SENSOR_MIN_NOISE_STEPS(
            AnomalyType.FROZEN_SENSOR,
            "min_noise_steps",
            5,
            1,
            1_000_000,
            "steps",
            "A change between consecutive readings counts as noise if it is at least this many"
                    + " steps of the metric's reporting resolution"),
    FROZEN_SENSOR_NOISY_PCT(
            AnomalyType.FROZEN_SENSOR,
            "noisy_pct",
            75,
            1,
            100,
            "%",
            "Only metrics whose recent changes were noise this often are watched: for them an exact"
                    + " repeat by chance is rare");

    private final AnomalyType type;
    private final String key;
    private final double fallback;
    private final double min;
    private final double max;
    private final String unit;
    private final String description;

    RuleParam(
            AnomalyType type,
            String key,
            double fallback,
            double min,
            double max,
            String unit,
            String description) {
        this.type = type;
        this.key = key;
        this.fallback = fallback;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.description = description;
    }

    /** The detector the parameter belongs to, or null for the common lifecycle parameters. */
    public AnomalyType type() {
        return type;
    }

    /** The parameter's JSON name inside a rule's {@code params}. */
    public String key() {
        return key;
    }

    /** The value used when a rule does not set the parameter. */
    public double fallback() {
        return fallback;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public boolean isCommon() {
        return type == null;
    }

    /** Why {@code value} is not acceptable, or null if it is. */
    public String check(double value) {
        if (!Double.isFinite(value)) {
            return key + " must be a finite number";
        }
        if (value < min || value > max) {
            return key + "=" + value + " is outside [" + min + ", " + max + "] " + unit;
        }
        return null;
    }

    /**
     * Index of this parameter, for the given detector, in the {@link ResolvedRules} value array of
     * a family. A table lookup: it runs for every parameter a detector reads, for every reading.
     *
     * @throws IllegalArgumentException if the parameter is not the detector's or the detector does
     *     not run for the family
     */
    public int slot(Family family, AnomalyType detector) {
        int slot = Layout.SLOT[Layout.index(family, detector, this)];
        if (slot < 0) {
            throw new IllegalArgumentException(Layout.whyNoSlot(family, detector, this));
        }
        return slot;
    }

    /** The parameters a detector accepts: the common ones followed by its own. */
    public static List<RuleParam> of(AnomalyType detector) {
        return Layout.BY_TYPE.get(detector);
    }

    /** Looks up a parameter of a detector by JSON name. */
    public static Optional<RuleParam> find(AnomalyType detector, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (RuleParam p : of(detector)) {
            if (p.key.equals(k)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Number of slots in the resolved value array of a family. */
    public static int slotCount(Family family) {
        return Layout.SLOTS[family.ordinal()];
    }

    /**
     * Slot layout: per family, for each detector that runs for it ({@link AnomalyType#appliesTo}),
     * the common parameters followed by its own, back to back. A reading of a family thus carries
     * only its own detectors' values (19 to 31 of them instead of all 55).
     */
    private static final class Layout {
        static final Map<AnomalyType, List<RuleParam>> BY_TYPE = new EnumMap<>(AnomalyType.class);
        private static final int TYPES = AnomalyType.values().length;
        private static final int PARAMS = RuleParam.values().length;

        /**
         * Slot by {@link #index}, -1 where the detector does not run or the parameter is not its.
         */
        static final int[] SLOT = new int[Family.values().length * TYPES * PARAMS];

        /** Slots per family. */
        static final int[] SLOTS = new int[Family.values().length];

        static {
            for (AnomalyType t : AnomalyType.values()) {
                List<RuleParam> params = new ArrayList<>();
                for (RuleParam p : RuleParam.values()) {
                    if (p.type == null || p.type == t) {
                        params.add(p);
                    }
                }
                BY_TYPE.put(t, Collections.unmodifiableList(params));
            }
            Arrays.fill(SLOT, -1);
            for (Family f : Family.values()) {
                int slot = 0;
                for (AnomalyType t : AnomalyType.values()) {
                    if (t.appliesTo(f)) {
                        for (RuleParam p : BY_TYPE.get(t)) {
                            SLOT[index(f, t, p)] = slot++;
                        }
                    }
                }
                SLOTS[f.ordinal()] = slot;
            }
        }

        static int index(Family family, AnomalyType detector, RuleParam p) {
            return (family.ordinal() * TYPES + detector.ordinal()) * PARAMS + p.ordinal();
        }

        static String whyNoSlot(Family family, AnomalyType detector, RuleParam p) {
            return p.type != null && p.type != detector
                    ? p + " does not belong to " + detector
                    : detector + " does not run for family " + family;
        }
    }
}
