package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.Dynamics.smoothstep;
import static dev.telemetry.simulator.generator.Dynamics.uniform;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.simulator.anomaly.ActiveAnomaly;

/**
 * A rocket engine on a test stand ({@code TRE-001}, ...), cycling {@code standby} (20–60 s) →
 * {@code ignition} (2–3 s throttle ramp) → {@code mainstage} (90–240 s) → {@code shutdown} (~3 s) →
 * {@code standby}.
 *
 * <p>Physics: fuel flow (~120 kg/s) and oxidiser flow follow the commanded throttle, the oxidiser
 * leading slightly during transients, so the mixture ratio stays near its nominal ~2.56 (always
 * within 2.2–2.9 while burning). Chamber pressure follows total flow and combustion efficiency,
 * which falls off as the mixture ratio leaves nominal; in mainstage it sits at the engine's nominal
 * 97–103 bar ± 0.5 %. Chamber temperature (τ 0.15 s heating, so it has settled when mainstage
 * begins; 6 s cooling; 3250–3350 K ± 1.5 K in mainstage) and turbopump temperature (τ 15 s / 60 s,
 * 600–640 K ± 1 K) follow the commanded throttle only, so throttle drift and anomalies of other
 * types never move them. Vibration has an ignition transient up to ~4.5 g and ~2 g in mainstage.
 * The performance score (0–100) is high when pressure, mixture ratio and vibration are near
 * nominal, 0 when not burning.
 */
final class EngineModel extends DeviceModel {

    static final int PRESSURE = Metrics.indexOf(Family.ENGINE, Metrics.CHAMBER_PRESSURE_BAR);
    static final int FUEL = Metrics.indexOf(Family.ENGINE, Metrics.FUEL_FLOW_KG_S);
    static final int OXIDIZER = Metrics.indexOf(Family.ENGINE, Metrics.OXIDIZER_FLOW_KG_S);
    static final int MIXTURE = Metrics.indexOf(Family.ENGINE, Metrics.MIXTURE_RATIO);
    static final int CHAMBER_TEMP = Metrics.indexOf(Family.ENGINE, Metrics.CHAMBER_TEMP_K);
    static final int PUMP_TEMP = Metrics.indexOf(Family.ENGINE, Metrics.TURBOPUMP_TEMP_K);
    static final int VIBRATION = Metrics.indexOf(Family.ENGINE, Metrics.VIBRATION_G);
    static final int SCORE = Metrics.indexOf(Family.ENGINE, Metrics.PERFORMANCE_SCORE);

    /** Reporting resolution (decimals) per metric, in catalogue order. */
    private static final int[] DECIMALS = {3, 3, 3, 3, 2, 2, 3, 2};

    private static final double AMBIENT_K = 290;
    private static final double AMBIENT_BAR = 1.013;
    private static final double NOMINAL_FUEL_FLOW = 120;

    /** Seconds of mainstage after which pressure and temperatures have settled. */
    private static final double SETTLED_AFTER_S = 30;

    /** The phases, in cycle order. */
    enum Phase {
        STANDBY("standby"),
        IGNITION("ignition"),
        MAINSTAGE("mainstage"),
        SHUTDOWN("shutdown");

        final String id;

        Phase(String id) {
            this.id = id;
        }

        Phase next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /** Tick-dependent coefficients shared by all engines. */
    static final class Params {
        final double dt;
        final Dynamics.Ou throttleDrift;
        final Dynamics.Lag chamberHeating;
        final Dynamics.Lag chamberCooling;
        final Dynamics.Lag pumpHeating;
        final Dynamics.Lag pumpCooling;

        Params(double dt) {
            this.dt = dt;
            this.throttleDrift = Dynamics.Ou.of(dt, 20, 0.004);
            this.chamberHeating = Dynamics.Lag.of(dt, 0.15);
            this.chamberCooling = Dynamics.Lag.of(dt, 6);
            this.pumpHeating = Dynamics.Lag.of(dt, 15);
            this.pumpCooling = Dynamics.Lag.of(dt, 60);
        }
    }

    private final Params params;
    private final double nominalPressure;
    private final double nominalMixture;
    private final double steadyChamberK;
    private final double steadyPumpK;
    private Phase phase;
    private double elapsed;
    private double duration;
    private double drift;
    private double chamberK;
    private double pumpK;

    EngineModel(Params params, int index, long seed) {
        super(deviceId(index), Family.ENGINE, seed);
        this.params = params;
        this.nominalPressure = uniform(rng, 97, 103);
        this.nominalMixture = uniform(rng, 2.52, 2.60);
        this.steadyChamberK = uniform(rng, 3250, 3350);
        this.steadyPumpK = uniform(rng, 600, 640);
        startAtRandomPointOfCycle();
    }

    static String deviceId(int index) {
        return padded("TRE-", index + 1, 3);
    }

    static Reading newReading() {
        return new Reading(Family.ENGINE, DECIMALS, 0);
    }

    @Override
    public String phase() {
        return phase.id;
    }

    @Override
    public boolean canStart(AnomalyType type) {
        return switch (type) {
            case PRESSURE_SPIKE,
                    TEMPERATURE_RUNAWAY,
                    FUEL_SYSTEM_FAILURE,
                    SENSOR_DROPOUT,
                    FROZEN_SENSOR ->
                    phase == Phase.MAINSTAGE && elapsed >= SETTLED_AFTER_S;
            default -> false;
        };
    }

    @Override
    public void step(ActiveAnomaly anomaly, long eventTime, Reading out) {
        if (anomaly == null) {
            advancePhase();
        }
        AnomalyType type = anomaly == null ? null : anomaly.type();
        double command = command();
        drift = params.throttleDrift.next(drift, 0, rng);
        double throttle = command * (1 + drift);
        boolean burning = command > 0.01;

        double fuelValve = type == AnomalyType.FUEL_SYSTEM_FAILURE ? 1 - anomaly.magnitude() : 1;
        double oxidiserLead = 1 + 0.05 * (1 - command);
        double fuel = NOMINAL_FUEL_FLOW * throttle * fuelValve;
        double oxidiser = nominalMixture * NOMINAL_FUEL_FLOW * throttle * oxidiserLead;
        if (burning) {
            out.set(FUEL, fuel * (1 + 0.002 * rng.nextGaussian()));
            out.set(OXIDIZER, oxidiser * (1 + 0.002 * rng.nextGaussian()));
        } else {
            out.set(FUEL, 0);
            out.set(OXIDIZER, 0);
        }
        double fuelReading = out.value(FUEL);
        double mixture = fuelReading > 0.5 ? out.value(OXIDIZER) / fuelReading : 0;
        out.set(MIXTURE, mixture);

        double flowFraction = (fuel + oxidiser) / (NOMINAL_FUEL_FLOW * (1 + nominalMixture));
        double mixtureError = fuel > 0 ? oxidiser / fuel / nominalMixture - 1 : 0;
        double efficiency = Math.max(0.3, 1 - 0.5 * mixtureError * mixtureError);
        double pressure = AMBIENT_BAR + (nominalPressure - AMBIENT_BAR) * flowFraction * efficiency;
        double vibration = 0.08 + 2.0 * throttle + transientVibration();
        if (type == AnomalyType.PRESSURE_SPIKE) {
            pressure *= 1 + anomaly.magnitude();
            vibration *= 1 + anomaly.magnitude();
        }
        out.set(PRESSURE, pressure + (burning ? 0.35 : 0.02) * rng.nextGaussian());
        out.set(VIBRATION, vibration + (0.02 + 0.04 * command) * rng.nextGaussian());

        // Temperatures follow the command, not the throttle drift, flows or pressure: steady in
        // mainstage, and left alone by the anomalies of other types.
        double chamberTarget = AMBIENT_K + (steadyChamberK - AMBIENT_K) * command;
        chamberK =
                (chamberTarget > chamberK ? params.chamberHeating : params.chamberCooling)
                        .next(chamberK, chamberTarget);
        double pumpTarget = AMBIENT_K + (steadyPumpK - AMBIENT_K) * command;
        pumpK =
                (pumpTarget > pumpK ? params.pumpHeating : params.pumpCooling)
                        .next(pumpK, pumpTarget);
        double chamberOffset = 0;
        double pumpOffset = 0;
        if (type == AnomalyType.TEMPERATURE_RUNAWAY) {
            double offset = anomaly.riseThenRecover(params.dt);
            if (anomaly.metricIndex() == CHAMBER_TEMP) {
                chamberOffset = offset;
            } else {
                pumpOffset = offset;
            }
        }
        out.set(
                CHAMBER_TEMP,
                chamberK + chamberOffset + (0.3 + 1.2 * command) * rng.nextGaussian());
        out.set(PUMP_TEMP, pumpK + pumpOffset + (0.3 + 0.7 * command) * rng.nextGaussian());

        out.set(SCORE, burning ? performanceScore(out) : 0);
        out.phase(phase.id);
    }

    /** 100 at nominal pressure, mixture ratio and vibration, falling with each deviation. */
    private double performanceScore(Reading out) {
        double pressureError = Math.abs(out.value(PRESSURE) / nominalPressure - 1);
        double mixtureError = Math.abs(out.value(MIXTURE) / nominalMixture - 1);
        double excessVibration = Math.max(0, out.value(VIBRATION) - 2.6);
        return 100 * (1 - 2.5 * pressureError - 1.2 * mixtureError - 0.08 * excessVibration);
    }

    /** Commanded throttle, 0..1. */
    private double command() {
        return switch (phase) {
            case STANDBY -> 0;
            case IGNITION -> smoothstep(elapsed / duration);
            case MAINSTAGE -> 1;
            case SHUTDOWN -> 1 - smoothstep(elapsed / duration);
        };
    }

    private double transientVibration() {
        return switch (phase) {
            case IGNITION -> 2.2 * Math.sin(Math.PI * Math.min(1, elapsed / duration));
            case SHUTDOWN -> 1.0 * Math.sin(Math.PI * Math.min(1, elapsed / duration));
            default -> 0;
        };
    }

    private void advancePhase() {
        elapsed += params.dt;
        while (elapsed >= duration) {
            elapsed -= duration;
            phase = phase.next();
            duration = sampleDuration(phase);
        }
    }

    private double sampleDuration(Phase p) {
        return switch (p) {
            case STANDBY -> uniform(rng, 20, 60);
            case IGNITION -> uniform(rng, 2, 3);
            case MAINSTAGE -> uniform(rng, 90, 240);
            case SHUTDOWN -> uniform(rng, 2.5, 3.5);
        };
    }

    /**
     * Places the engine at a uniformly random instant of one full cycle, with temperatures as that
     * history left them, so most engines of a short run are in mainstage.
     */
    private void startAtRandomPointOfCycle() {
        double[] durations = new double[Phase.values().length];
        double cycle = 0;
        for (Phase p : Phase.values()) {
            durations[p.ordinal()] = sampleDuration(p);
            cycle += durations[p.ordinal()];
        }
        double at = rng.nextDouble() * cycle;
        phase = Phase.STANDBY;
        while (at >= durations[phase.ordinal()]) {
            at -= durations[phase.ordinal()];
            phase = phase.next();
        }
        duration = durations[phase.ordinal()];
        elapsed = at;
        double chamberRise = steadyChamberK - AMBIENT_K;
        double pumpRise = steadyPumpK - AMBIENT_K;
        switch (phase) {
            case STANDBY -> {
                chamberK = AMBIENT_K + chamberRise * Math.exp(-elapsed / 6);
                pumpK = AMBIENT_K + pumpRise * Math.exp(-elapsed / 60);
            }
            case IGNITION -> {
                chamberK = AMBIENT_K + chamberRise * command();
                pumpK = AMBIENT_K;
            }
            case MAINSTAGE -> {
                chamberK = steadyChamberK;
                pumpK = AMBIENT_K + pumpRise * (1 - Math.exp(-(elapsed + 2) / 15));
            }
            case SHUTDOWN -> {
                chamberK = AMBIENT_K + chamberRise * command();
                pumpK = steadyPumpK;
            }
        }
    }
}
