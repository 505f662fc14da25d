package dev.telemetry.simulator.anomaly;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.GroundTruthLabel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Decides when each device suffers which anomaly, draws its magnitude and length, and writes its
 * ground-truth label once it is over. The device models apply the effects.
 *
 * <p><b>Schedule.</b> Per device, random anomalies arrive as a Poisson process at {@code
 * anomaliesPerDeviceHour} of event time, from its own random stream. None starts in the first 15 s,
 * anomalies on one device never overlap and are separated by at least 60 s of normal readings (the
 * Poisson clock restarts after that gap, so the effective rate is somewhat lower than asked for
 * high rates). An arrival starts an anomaly of a type drawn uniformly among the enabled types the
 * device can host right now ({@link AnomalyTarget#canStart}); if there is none, the device retries
 * at its next reading. An anomaly only starts if it ends at least one reading before the run does,
 * so every label is complete. With {@link AnomalyPlan#forcedPerType()} {@code > 0}, that many
 * anomalies of every enabled type are additionally started per family, each on the first free
 * device that can host it.
 *
 * <p><b>Effects.</b> Durations are converted to readings at the device's rate, with a minimum count
 * so that slow rates still show the anomaly. The label's {@code [onset, end]} spans every affected
 * reading (for a dropout: every suppressed one); {@code metric} names the metric concerned.
 *
 * <table>
 * <caption>Injected anomalies</caption>
 * <tr><th>type (families, when)</th><th>effect and magnitude</th><th>length</th></tr>
 * <tr><td>PRESSURE_SPIKE (engine, mainstage ≥ 30 s)</td><td>chamber pressure and vibration ×
 *     (1.35…1.60) from the first reading on; flows and temperatures unchanged</td><td>2–5 s, ≥ 2
 *     readings</td></tr>
 * <tr><td>TEMPERATURE_RUNAWAY (engine, mainstage ≥ 30 s)</td><td>chamber (~3300 K) or turbopump
 *     (~620 K) temperature rises steadily at 15–25 K/s, by at most 1000 K / 800 K, then falls back
 *     over 5 s; at least +450 K, so it always passes 1000 K</td><td>30–45 s rise (≥ 3 readings)
 *     + 5 s</td></tr>
 * <tr><td>FUEL_SYSTEM_FAILURE (engine, mainstage ≥ 30 s)</td><td>fuel flow × (0.40…0.65); the
 *     mixture ratio leaves its 2.2–2.9 band (3.9…6.5) and chamber pressure follows, −23…−74
 *     %</td><td>5–15 s, ≥ 3 readings</td></tr>
 * <tr><td>BATTERY_THERMAL_RUNAWAY (vehicle any phase, energy)</td><td>battery / container
 *     temperature rises at 0.5–2 °C/s (normal: &lt; 0.02 °C/s), by at most 80 °C, then falls back
 *     over 10 s</td><td>20–45 s rise (≥ 3 readings) + 10 s</td></tr>
 * <tr><td>SOC_COLLAPSE (vehicle, energy; state of charge ≥ 50 %)</td><td>state of charge falls by
 *     20–40 points at ≥ 1.3 points/s on top of what power explains (normal: &lt; 0.06 points/s),
 *     and stays down</td><td>6–15 s, ≥ 2 readings</td></tr>
 * <tr><td>OVER_POWER (vehicle driving &gt; 30 km/h or charging; energy)</td><td>|power| of
 *     280–340 kW (vehicle rating 150 kW) or 3.0–4.5 MW (site rating 2 MW); negative while
 *     charging, else positive; state of charge integrates it</td><td>4–10 s, ≥ 2 readings</td></tr>
 * <tr><td>RAPID_DESCENT (flight, climb or cruise ≥ 7000 m above ground, not near top of
 *     descent)</td><td>vertical rate −40…−80 m/s (normal: ≥ −12 m/s), ramped over 1 s at both ends,
 *     and altitude falls accordingly; phase stays climb/cruise, the aircraft climbs back
 *     afterwards</td><td>15–35 s + 2 s of ramps</td></tr>
 * <tr><td>IMPOSSIBLE_JUMP (flight, airborne ≥ 1500 m above ground)</td><td>either the reported
 *     position is displaced by 30–80 km ({@code metric = position}) or the reported velocity is
 *     120–160 m/s too high ({@code velocity_ms}); the label includes the first reading back at
 *     the true value, whose jump back is just as impossible</td><td>1–3 readings + 1</td></tr>
 * <tr><td>SENSOR_DROPOUT (engine mainstage, vehicle driving or charging, flight not at the gate,
 *     energy)</td><td>the device sends nothing (its seq numbers are used up all the same)</td>
 *     <td>20–60 s, ≥ 3 readings</td></tr>
 * <tr><td>FROZEN_SENSOR (as dropout for engines; any phase otherwise)</td><td>one metric repeats
 *     its value of the first affected reading exactly: engine {@code chamber_pressure_bar}, {@code
 *     turbopump_temp_k} or {@code vibration_g}; vehicle {@code motor_temp_c}; flight {@code
 *     baro_altitude_m}; energy {@code voltage_v}. These carry noise of ≥ 40 rounding steps in
 *     every phase, so they never repeat normally</td><td>15–40 s, ≥ 10 readings</td></tr>
 * </table>
 */
public final class AnomalyInjector {

    /** No anomaly starts in the first seconds, so detectors see a baseline first. */
    public static final double WARM_UP_SECONDS = 15;

    /** Normal readings between two anomalies of one device. */
    public static final double QUIET_GAP_SECONDS = 60;

    private static final long SALT = 0x616E6F6D616C79L;

    private final AnomalyPlan plan;
    private final double readingsPerSecond;
    private final double meanTicksBetween;
    private final long quietTicks;
    private final long[] rngState;
    private final long[] nextArrival;
    private final long[] quietUntil;
    private final long[] lastEnd;
    private final ActiveAnomaly[] active;
    private final int[][] forcedLeft;

    /**
     * @param plan enabled types and forced anomalies
     * @param families the simulated families (forced anomalies are owed for these only)
     * @param anomaliesPerDeviceHour random arrival rate per device and hour of event time
     * @param readingsPerSecond each device's reading rate
     * @param deviceSeeds one seed per device, indexed like the device numbers passed to the other
     *     methods
     */
    public AnomalyInjector(
            AnomalyPlan plan,
            Iterable<Family> families,
            double anomaliesPerDeviceHour,
            double readingsPerSecond,
            long[] deviceSeeds) {
        this.plan = plan;
        this.readingsPerSecond = readingsPerSecond;
        this.meanTicksBetween =
                anomaliesPerDeviceHour > 0
                        ? 3600 * readingsPerSecond / anomaliesPerDeviceHour
                        : Double.POSITIVE_INFINITY;
        this.quietTicks = (long) Math.ceil(QUIET_GAP_SECONDS * readingsPerSecond);
        long warmUpTicks = (long) Math.ceil(WARM_UP_SECONDS * readingsPerSecond);
        int devices = deviceSeeds.length;
        this.rngState = new long[devices];
        this.nextArrival = new long[devices];
        this.quietUntil = new long[devices];
        this.lastEnd = new long[devices];
        Arrays.fill(lastEnd, Long.MIN_VALUE);
        this.active = new ActiveAnomaly[devices];
        for (int d = 0; d < devices; d++) {
            SplittableRandom rng = new SplittableRandom(deviceSeeds[d] ^ SALT);
            quietUntil[d] = warmUpTicks;
            nextArrival[d] = warmUpTicks + waitingTicks(rng);
            rngState[d] = rng.nextLong();
        }
        this.forcedLeft = new int[Family.values().length][AnomalyType.values().length];
        for (Family family : families) {
            for (AnomalyType type : AnomalyType.values()) {
                if (plan.enabled(type) && type.appliesTo(family)) {
                    forcedLeft[family.ordinal()][type.ordinal()] = plan.forcedPerType();
                }
            }
        }
    }

    /**
     * Called before a device generates a reading: returns the anomaly affecting it, starting one if
     * it is due, or null.
     *
     * @param device the device number
     * @param target the device
     * @param tick the reading's index in the device's stream, from 0
     * @param readingsLeft readings the device still generates in this run, including this one
     */
    public ActiveAnomaly beforeReading(
            int device, AnomalyTarget target, long tick, long readingsLeft) {
        ActiveAnomaly current = active[device];
        if (current != null || tick < quietUntil[device]) {
            return current;
        }
        Family family = target.family();
        AnomalyType forced = forcedType(target);
        boolean due = tick >= nextArrival[device];
        if (forced == null && !due) {
            return null;
        }
        SplittableRandom rng = new SplittableRandom(rngState[device]);
        AnomalyType type = forced != null ? forced : randomType(target, rng);
        ActiveAnomaly started = type == null ? null : draw(type, family, rng);
        rngState[device] = rng.nextLong();
        if (started == null || started.readings() >= readingsLeft) {
            return null;
        }
        if (forced != null) {
            forcedLeft[family.ordinal()][forced.ordinal()]--;
        }
        active[device] = started;
        return started;
    }

    /**
     * Called after a device generated a reading (sent or, in a dropout, suppressed): advances the
     * anomaly and returns its label if that was its last reading, else null.
     */
    public GroundTruthLabel afterReading(
            int device, AnomalyTarget target, long tick, long eventTime) {
        ActiveAnomaly anomaly = active[device];
        if (anomaly == null) {
            return null;
        }
        anomaly.advance(eventTime);
        if (!anomaly.finished()) {
            return null;
        }
        active[device] = null;
        lastEnd[device] = eventTime;
        quietUntil[device] = tick + 1 + quietTicks;
        SplittableRandom rng = new SplittableRandom(rngState[device]);
        nextArrival[device] = quietUntil[device] + waitingTicks(rng);
        rngState[device] = rng.nextLong();
        return GroundTruthLabel.anomaly(
                target.deviceId(),
                target.family(),
                anomaly.type(),
                anomaly.onset(),
                anomaly.end(),
                anomaly.metric());
    }

    /**
     * The event time from which on a device's readings have been free of anomalies: after the end
     * of its last one, {@link Long#MIN_VALUE} if it had none, {@link Long#MAX_VALUE} while one is
     * in progress.
     */
    public long cleanSince(int device) {
        if (active[device] != null) {
            return Long.MAX_VALUE;
        }
        return lastEnd[device] == Long.MIN_VALUE ? Long.MIN_VALUE : lastEnd[device] + 1;
    }

    private long waitingTicks(SplittableRandom rng) {
        double wait = -meanTicksBetween * Math.log(1 - rng.nextDouble());
        return wait >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) wait;
    }

    private AnomalyType forcedType(AnomalyTarget target) {
        int[] left = forcedLeft[target.family().ordinal()];
        for (AnomalyType type : AnomalyType.values()) {
            if (left[type.ordinal()] > 0 && target.canStart(type)) {
                return type;
            }
        }
        return null;
    }

    private AnomalyType randomType(AnomalyTarget target, SplittableRandom rng) {
        AnomalyType[] candidates = new AnomalyType[AnomalyType.values().length];
        int count = 0;
        for (AnomalyType type : AnomalyType.values()) {
            if (plan.enabled(type) && type.appliesTo(target.family()) && target.canStart(type)) {
                candidates[count++] = type;
            }
        }
        return count == 0 ? null : candidates[rng.nextInt(count)];
    }

    /** Draws magnitude, metric and length of an anomaly; see the table in the class comment. */
    private ActiveAnomaly draw(AnomalyType type, Family family, SplittableRandom rng) {
        return switch (type) {
            case PRESSURE_SPIKE ->
                    simple(
                            type,
                            family,
                            Metrics.CHAMBER_PRESSURE_BAR,
                            uniform(rng, 0.35, 0.60),
                            readings(uniform(rng, 2, 5), 2));
            case TEMPERATURE_RUNAWAY -> {
                boolean chamber = rng.nextBoolean();
                double rate = uniform(rng, 15, 25);
                double maxRise = chamber ? 1000 : 800;
                int rise =
                        Math.max(
                                3,
                                (int)
                                        (Math.min(uniform(rng, 30, 45), maxRise / rate)
                                                * readingsPerSecond));
                String metric = chamber ? Metrics.CHAMBER_TEMP_K : Metrics.TURBOPUMP_TEMP_K;
                yield anomaly(type, family, metric, rate, rise, rise + readings(5, 1));
            }
            case FUEL_SYSTEM_FAILURE ->
                    simple(
                            type,
                            family,
                            Metrics.FUEL_FLOW_KG_S,
                            uniform(rng, 0.35, 0.60),
                            readings(uniform(rng, 5, 15), 3));
            case BATTERY_THERMAL_RUNAWAY -> {
                double rate = uniform(rng, 0.5, 2.0);
                int rise =
                        Math.max(
                                3,
                                (int)
                                        (Math.min(uniform(rng, 20, 45), 80 / rate)
                                                * readingsPerSecond));
                String metric =
                        family == Family.VEHICLE ? Metrics.BATTERY_TEMP_C : Metrics.TEMPERATURE_C;
                yield anomaly(type, family, metric, rate, rise, rise + readings(10, 2));
            }
            case SOC_COLLAPSE ->
                    simple(
                            type,
                            family,
                            family == Family.VEHICLE
                                    ? Metrics.BATTERY_SOC_PCT
                                    : Metrics.SOC_PERCENT,
                            uniform(rng, 20, 40),
                            readings(uniform(rng, 6, 15), 2));
            case OVER_POWER ->
                    family == Family.VEHICLE
                            ? simple(
                                    type,
                                    family,
                                    Metrics.POWER_KW,
                                    uniform(rng, 280, 340),
                                    readings(uniform(rng, 4, 10), 2))
                            : simple(
                                    type,
                                    family,
                                    Metrics.POWER_W,
                                    uniform(rng, 3.0e6, 4.5e6),
                                    readings(uniform(rng, 4, 10), 2));
            case RAPID_DESCENT -> {
                int ramp = readings(1, 1);
                yield simple(
                        type,
                        family,
                        Metrics.VERTICAL_RATE_MS,
                        uniform(rng, 40, 80),
                        ramp + readings(uniform(rng, 15, 35), 2) + ramp);
            }
            case IMPOSSIBLE_JUMP -> {
                boolean position = rng.nextBoolean();
                int displaced = 1 + rng.nextInt(3);
                yield position
                        ? anomaly(
                                type,
                                family,
                                TelemetryJson.POSITION,
                                uniform(rng, 30_000, 80_000),
                                displaced,
                                displaced + 1)
                        : anomaly(
                                type,
                                family,
                                Metrics.VELOCITY_MS,
                                uniform(rng, 120, 160),
                                displaced,
                                displaced + 1);
            }
            case SENSOR_DROPOUT -> simple(type, family, null, 0, readings(uniform(rng, 20, 60), 3));
            case FROZEN_SENSOR -> {
                String[] eligible = frozenCandidates(family);
                yield simple(
                        type,
                        family,
                        eligible[rng.nextInt(eligible.length)],
                        0,
                        readings(uniform(rng, 15, 40), 10));
            }
        };
    }

    /** Metrics that carry enough noise in every phase that they never repeat exactly. */
    static String[] frozenCandidates(Family family) {
        return switch (family) {
            case ENGINE ->
                    new String[] {
                        Metrics.CHAMBER_PRESSURE_BAR, Metrics.TURBOPUMP_TEMP_K, Metrics.VIBRATION_G
                    };
            case VEHICLE -> new String[] {Metrics.MOTOR_TEMP_C};
            case FLIGHT -> new String[] {Metrics.BARO_ALTITUDE_M};
            case ENERGY -> new String[] {Metrics.VOLTAGE_V};
        };
    }

    private int readings(double seconds, int minimum) {
        return Math.max(minimum, (int) Math.round(seconds * readingsPerSecond));
    }

    private static ActiveAnomaly simple(
            AnomalyType type, Family family, String metric, double magnitude, int readings) {
        return anomaly(type, family, metric, magnitude, readings, readings);
    }

    private static ActiveAnomaly anomaly(
            AnomalyType type,
            Family family,
            String metric,
            double magnitude,
            int mainReadings,
            int readings) {
        int index = metric == null ? -1 : Metrics.indexOf(family, metric);
        return new ActiveAnomaly(type, metric, index, magnitude, mainReadings, readings);
    }

    private static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }
}
