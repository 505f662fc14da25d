package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.Dynamics.clamp;
import static dev.telemetry.simulator.generator.Dynamics.uniform;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.simulator.anomaly.ActiveAnomaly;

/**
 * An electric car ({@code EV-00001}, ...) in and around one of a few cities, cycling between {@code
 * parked} (5–30 min), {@code driving} (10–40 min) and {@code charging} (to 80–95 %).
 *
 * <p>Physics: while driving, speed follows target speeds of 0–130 km/h held for 20–90 s with
 * jerk-limited acceleration (−2.5…+2 m/s²); battery power is what inertia, aerodynamic drag and
 * rolling resistance demand (+0.6 kW auxiliaries), at most 150 kW, with regeneration down to −70 kW
 * when braking. Charging draws −7…−11 kW (AC) or −50…−150 kW (DC), tapering above 80 %. The state
 * of charge integrates exactly the reported power over the 75 kWh pack (every car's), so it falls
 * while power is positive and rises while it is negative, and power alone explains it. Battery
 * temperature relaxes (τ 15 min) towards ambient + 0.06 °C per kW, so it never rises faster than
 * ~0.01 °C/s; the motor (τ 4 min) towards ambient + 0.4 °C per kW of traction. The odometer
 * integrates speed; the position moves along a meandering heading.
 */
final class VehicleModel extends DeviceModel {

    static final int SPEED = Metrics.indexOf(Family.VEHICLE, Metrics.SPEED_KMH);
    static final int SOC = Metrics.indexOf(Family.VEHICLE, Metrics.BATTERY_SOC_PCT);
    static final int BATTERY_TEMP = Metrics.indexOf(Family.VEHICLE, Metrics.BATTERY_TEMP_C);
    static final int MOTOR_TEMP = Metrics.indexOf(Family.VEHICLE, Metrics.MOTOR_TEMP_C);
    static final int POWER = Metrics.indexOf(Family.VEHICLE, Metrics.POWER_KW);
    static final int ODOMETER = Metrics.indexOf(Family.VEHICLE, Metrics.ODOMETER_KM);

    private static final int[] DECIMALS = {2, 3, 2, 3, 2, 3};
    private static final int POSITION_DECIMALS = 6;

    /** Usable pack capacity, the same for every car so power alone explains the charge. */
    static final double CAPACITY_KWH = 75;

    /** Largest battery power while driving (motor and pack rating). */
    static final double MAX_DRIVE_KW = 150;

    private static final double MAX_REGEN_KW = 70;
    private static final double AUXILIARY_KW = 0.6;
    private static final double PARKED_KW = 0.25;
    private static final double METRES_PER_DEGREE = 111_320;

    /** Target speeds (km/h) a driver picks from; 0 is a stop at a light or in traffic. */
    private static final double[] TARGET_SPEEDS_KMH = {0, 30, 50, 50, 70, 90, 110, 130};

    /** City centres (lat, lon) the cars drive around. */
    private static final double[][] CITIES = {
        {52.520, 13.405},
        {48.137, 11.575},
        {48.857, 2.352},
        {51.507, -0.128},
        {52.370, 4.895},
        {40.417, -3.704},
        {45.464, 9.190},
        {59.329, 18.069},
        {59.914, 10.752},
        {37.775, -122.419},
        {34.052, -118.244},
        {47.606, -122.332},
        {40.713, -74.006},
        {30.267, -97.743},
        {31.230, 121.474},
        {35.690, 139.692},
        {37.567, 126.978},
        {-33.869, 151.209}
    };

    /** The phases. */
    enum Phase {
        DRIVING("driving"),
        CHARGING("charging"),
        PARKED("parked");

        final String id;

        Phase(String id) {
            this.id = id;
        }
    }

    /** Tick-dependent coefficients shared by all cars. */
    static final class Params {
        final double dt;
        final Dynamics.Lag acceleration;
        final Dynamics.Lag batteryHeat;
        final Dynamics.Lag motorHeat;
        final Dynamics.Ou turnRate;

        Params(double dt) {
            this.dt = dt;
            this.acceleration = Dynamics.Lag.of(dt, 1.5);
            this.batteryHeat = Dynamics.Lag.of(dt, 900);
            this.motorHeat = Dynamics.Lag.of(dt, 240);
            this.turnRate = Dynamics.Ou.of(dt, 10, 3);
        }
    }

    private final Params params;
    private final double massKg;
    private final double ambientC;
    private Phase phase;
    private double elapsed;
    private double duration;
    private boolean stopping;
    private double chargerKw;
    private double chargeTarget;
    private double speed;
    private double acceleration;
    private double targetSpeed;
    private double segmentLeft;
    private double soc;
    private double batteryC;
    private double motorC;
    private double odometerKm;
    private double lat;
    private double lon;
    private double heading;
    private double turnRate;

    VehicleModel(Params params, int index, long seed) {
        super(deviceId(index), Family.VEHICLE, seed);
        this.params = params;
        this.massKg = uniform(rng, 1_700, 2_400);
        this.ambientC = uniform(rng, 5, 30);
        double[] city = CITIES[rng.nextInt(CITIES.length)];
        this.lat = city[0] + uniform(rng, -0.2, 0.2);
        this.lon = city[1] + uniform(rng, -0.3, 0.3);
        this.heading = uniform(rng, 0, 360);
        this.odometerKm = uniform(rng, 5_000, 120_000);
        startAtRandomPointOfCycle();
    }

    static String deviceId(int index) {
        return padded("EV-", index + 1, 5);
    }

    static Reading newReading() {
        return new Reading(Family.VEHICLE, DECIMALS, POSITION_DECIMALS);
    }

    @Override
    public String phase() {
        return phase.id;
    }

    @Override
    public boolean canStart(AnomalyType type) {
        return switch (type) {
            case BATTERY_THERMAL_RUNAWAY, FROZEN_SENSOR -> true;
            case SOC_COLLAPSE -> soc >= 50;
            case OVER_POWER ->
                    phase == Phase.CHARGING || (phase == Phase.DRIVING && !stopping && speed > 8);
            case SENSOR_DROPOUT -> phase != Phase.PARKED;
            default -> false;
        };
    }

    @Override
    public void step(ActiveAnomaly anomaly, long eventTime, Reading out) {
        double dt = params.dt;
        if (anomaly == null) {
            advancePhase();
        }
        AnomalyType type = anomaly == null ? null : anomaly.type();
        double powerKw =
                switch (phase) {
                    case DRIVING -> drive();
                    case CHARGING -> -chargerKw * Math.min(1, (100 - soc) / 20);
                    case PARKED -> PARKED_KW;
                };
        powerKw += (phase == Phase.PARKED ? 0.03 : 0.2) * rng.nextGaussian();
        if (type == AnomalyType.OVER_POWER) {
            double sign = phase == Phase.CHARGING ? -1 : 1;
            powerKw = sign * anomaly.magnitude() + 2 * rng.nextGaussian();
        }
        out.set(POWER, powerKw);
        double reportedKw = out.value(POWER);
        double socChange = -reportedKw * dt / 3600 / CAPACITY_KWH * 100;
        if (type == AnomalyType.SOC_COLLAPSE) {
            socChange -= anomaly.magnitude() / anomaly.readings();
        }
        soc = clamp(soc + socChange, 0, 100);

        batteryC = params.batteryHeat.next(batteryC, ambientC + 0.06 * Math.abs(reportedKw));
        double traction = phase == Phase.DRIVING ? Math.abs(reportedKw) : 0;
        motorC = params.motorHeat.next(motorC, ambientC + 0.4 * traction);
        double runaway =
                type == AnomalyType.BATTERY_THERMAL_RUNAWAY ? anomaly.riseThenRecover(dt) : 0;

        out.set(SPEED, speed * 3.6 + (speed > 0 ? 0.05 * rng.nextGaussian() : 0));
        out.set(SOC, soc);
        out.set(BATTERY_TEMP, batteryC + runaway + 0.01 * rng.nextGaussian());
        out.set(MOTOR_TEMP, motorC + 0.15 * rng.nextGaussian());
        out.set(ODOMETER, odometerKm);
        out.position(lat, lon);
        out.phase(phase.id);
    }

    /** One tick of driving; returns the battery power (kW) it takes. */
    private double drive() {
        double dt = params.dt;
        if (stopping) {
            targetSpeed = 0;
        } else {
            segmentLeft -= dt;
            if (segmentLeft <= 0) {
                targetSpeed = TARGET_SPEEDS_KMH[rng.nextInt(TARGET_SPEEDS_KMH.length)] / 3.6;
                segmentLeft = uniform(rng, 20, 90);
            }
        }
        double desired = clamp((targetSpeed - speed) / 4, -2.5, 2.0);
        acceleration = params.acceleration.next(acceleration, desired);
        double resistive = 0.5 * 1.2 * 0.62 * speed * speed * speed + 0.011 * massKg * 9.81 * speed;
        double maxTraction = MAX_DRIVE_KW * 1000 * 0.9 - resistive;
        if (massKg * acceleration * speed > maxTraction) {
            acceleration = maxTraction / (massKg * Math.max(speed, 1));
        }
        speed = Math.max(0, speed + acceleration * dt);
        if (speed == 0 && acceleration < 0) {
            acceleration = 0;
        }
        double mechanicalW = massKg * acceleration * speed + resistive;
        double batteryKw = (mechanicalW > 0 ? mechanicalW / 0.9 : mechanicalW * 0.65) / 1000;

        turnRate = params.turnRate.next(turnRate, 0, rng);
        heading = Geo.normalizeDegrees(heading + turnRate * dt * Math.min(1, speed / 10));
        double metres = speed * dt;
        double rad = Math.toRadians(heading);
        lat = clamp(lat + metres * Math.cos(rad) / METRES_PER_DEGREE, -85, 85);
        lon =
                Geo.normalizeLongitude(
                        lon
                                + metres
                                        * Math.sin(rad)
                                        / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat))));
        odometerKm += metres / 1000;
        return clamp(batteryKw + AUXILIARY_KW, -MAX_REGEN_KW, MAX_DRIVE_KW);
    }

    private void advancePhase() {
        elapsed += params.dt;
        switch (phase) {
            case DRIVING -> {
                if (!stopping && (elapsed >= duration || soc < 12)) {
                    stopping = true;
                }
                if (stopping && speed < 0.3) {
                    speed = 0;
                    acceleration = 0;
                    enter(soc < 35 ? Phase.CHARGING : Phase.PARKED);
                }
            }
            case PARKED -> {
                if (elapsed >= duration) {
                    enter(soc < 25 ? Phase.CHARGING : Phase.DRIVING);
                }
            }
            case CHARGING -> {
                if (soc >= chargeTarget) {
                    enter(Phase.PARKED);
                }
            }
        }
    }

    private void enter(Phase next) {
        phase = next;
        elapsed = 0;
        stopping = false;
        switch (next) {
            case DRIVING -> {
                duration = uniform(rng, 600, 2_400);
                segmentLeft = 0;
            }
            case PARKED -> duration = uniform(rng, 300, 1_800);
            case CHARGING -> {
                duration = 0;
                chargeTarget = uniform(rng, 80, 95);
                chargerKw = rng.nextBoolean() ? uniform(rng, 7, 11) : uniform(rng, 50, 150);
            }
        }
    }

    private void startAtRandomPointOfCycle() {
        double u = rng.nextDouble();
        if (u < 0.45) {
            soc = uniform(rng, 30, 90);
            enter(Phase.DRIVING);
            elapsed = rng.nextDouble() * duration;
            targetSpeed = TARGET_SPEEDS_KMH[1 + rng.nextInt(TARGET_SPEEDS_KMH.length - 1)] / 3.6;
            speed = targetSpeed;
            segmentLeft = uniform(rng, 0, 90);
        } else if (u < 0.80) {
            soc = uniform(rng, 25, 95);
            enter(Phase.PARKED);
            elapsed = rng.nextDouble() * duration;
        } else {
            soc = uniform(rng, 15, 70);
            enter(Phase.CHARGING);
        }
        double typicalKw =
                switch (phase) {
                    case DRIVING -> 25;
                    case CHARGING -> chargerKw;
                    case PARKED -> 5;
                };
        batteryC = ambientC + 0.06 * typicalKw * uniform(rng, 0.3, 1);
        motorC = ambientC + (phase == Phase.DRIVING ? 0.4 * typicalKw : uniform(rng, 0, 5));
    }
}
