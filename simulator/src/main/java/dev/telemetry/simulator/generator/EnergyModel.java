package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.Dynamics.clamp;
import static dev.telemetry.simulator.generator.Dynamics.uniform;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.simulator.anomaly.ActiveAnomaly;

/**
 * A battery storage site with solar panels ({@code ESS-0001}, ...) at one of a few sunny places
 * around the globe; it reports its (static) position.
 *
 * <p>Physics: solar power follows the sun computed from event time and position ({@link
 * SolarGeometry}), scaled by a slowly drifting cloud factor; it is exactly 0 while the sun is below
 * the horizon. The site's controller {@code charging} absorbs up to 85 % of the solar power while
 * the sun is high (power negative, up to the 2 MW rating), {@code discharging} serves the morning
 * (6–8 h) and evening (17–22 h) peaks with 1.0–1.8 MW, and is otherwise {@code idle} (+5 kW
 * auxiliaries); it stays at least 5 minutes in a phase. Power follows its target with a 20 s lag.
 * The state of charge integrates the reported power over the 4 MWh capacity. Container temperature
 * relaxes (τ 30 min) towards a daily ambient cycle + 3 °C per MW; DC bus voltage rises with state
 * of charge and sags under discharge.
 */
final class EnergyModel extends DeviceModel {

    static final int POWER = Metrics.indexOf(Family.ENERGY, Metrics.POWER_W);
    static final int SOLAR = Metrics.indexOf(Family.ENERGY, Metrics.SOLAR_POWER_W);
    static final int SOC = Metrics.indexOf(Family.ENERGY, Metrics.SOC_PERCENT);
    static final int TEMPERATURE = Metrics.indexOf(Family.ENERGY, Metrics.TEMPERATURE_C);
    static final int VOLTAGE = Metrics.indexOf(Family.ENERGY, Metrics.VOLTAGE_V);

    private static final int[] DECIMALS = {1, 1, 3, 2, 2};
    private static final int POSITION_DECIMALS = 4;

    /** Power rating of every site's converter, in either direction. */
    static final double RATED_POWER_W = 2_000_000;

    private static final double CAPACITY_WH = 4_000_000;
    private static final double AUXILIARY_W = 5_000;
    private static final double MIN_DWELL_S = 300;

    /** Site regions (lat, lon), spread over all longitudes so some are always in night. */
    private static final double[][] SITES = {
        {35.0, -117.5},
        {33.4, -112.1},
        {31.9, -102.1},
        {36.2, -115.1},
        {37.4, -5.9},
        {52.4, 13.0},
        {30.9, -6.9},
        {24.4, 54.6},
        {27.0, 72.0},
        {23.0, 70.0},
        {40.8, 111.7},
        {33.0, 131.0},
        {-32.5, 147.0},
        {-34.9, 138.6},
        {-28.7, 24.7},
        {-23.6, -70.4}
    };

    /** The phases. */
    enum Phase {
        CHARGING("charging"),
        DISCHARGING("discharging"),
        IDLE("idle");

        final String id;

        Phase(String id) {
            this.id = id;
        }
    }

    /** Tick-dependent coefficients shared by all sites. */
    static final class Params {
        final double dt;
        final Dynamics.Ou cloud;
        final Dynamics.Lag power;
        final Dynamics.Lag temperature;

        Params(double dt) {
            this.dt = dt;
            this.cloud = Dynamics.Ou.of(dt, 900, 0.12);
            this.power = Dynamics.Lag.of(dt, 20);
            this.temperature = Dynamics.Lag.of(dt, 1_800);
        }
    }

    private final Params params;
    private final double lat;
    private final double lon;
    private final double peakSolarW;
    private final double dispatchW;
    private final double ambientMeanC;
    private Phase phase;
    private double dwell;
    private double cloud;
    private double powerW;
    private double soc;
    private double temperatureC;

    EnergyModel(Params params, int index, long seed, long startTimeMillis) {
        super(deviceId(index), Family.ENERGY, seed);
        this.params = params;
        double[] site = SITES[rng.nextInt(SITES.length)];
        this.lat = site[0] + uniform(rng, -1, 1);
        this.lon = site[1] + uniform(rng, -1, 1);
        this.peakSolarW = uniform(rng, 1_500_000, 3_000_000);
        this.dispatchW = uniform(rng, 1_000_000, 1_800_000);
        this.ambientMeanC = uniform(rng, 10, 25);
        this.cloud = uniform(rng, 0.6, 1);
        this.soc = uniform(rng, 20, 90);
        double solar = solarW(startTimeMillis);
        this.phase = wantedPhase(solar, startTimeMillis);
        this.dwell = uniform(rng, 0, 3_600);
        this.powerW = targetPower(solar);
        this.temperatureC = ambientC(startTimeMillis) + 3e-6 * Math.abs(powerW);
    }

    static String deviceId(int index) {
        return padded("ESS-", index + 1, 4);
    }

    static Reading newReading() {
        return new Reading(Family.ENERGY, DECIMALS, POSITION_DECIMALS);
    }

    @Override
    public String phase() {
        return phase.id;
    }

    @Override
    public boolean canStart(AnomalyType type) {
        return switch (type) {
            case BATTERY_THERMAL_RUNAWAY, OVER_POWER, SENSOR_DROPOUT, FROZEN_SENSOR -> true;
            case SOC_COLLAPSE -> soc >= 50;
            default -> false;
        };
    }

    @Override
    public void step(ActiveAnomaly anomaly, long eventTime, Reading out) {
        double dt = params.dt;
        cloud = clamp(params.cloud.next(cloud, 0.85, rng), 0.2, 1);
        double solar = solarW(eventTime);
        if (anomaly == null) {
            advancePhase(solar, eventTime);
        }
        AnomalyType type = anomaly == null ? null : anomaly.type();
        powerW = params.power.next(powerW, targetPower(solar));
        double reportedW = powerW + 2_000 * rng.nextGaussian();
        if (type == AnomalyType.OVER_POWER) {
            double sign = phase == Phase.CHARGING ? -1 : 1;
            reportedW = sign * anomaly.magnitude() + 5_000 * rng.nextGaussian();
        }
        out.set(POWER, reportedW);
        reportedW = out.value(POWER);
        double socChange = -reportedW * dt / 3600 / CAPACITY_WH * 100;
        if (type == AnomalyType.SOC_COLLAPSE) {
            socChange -= anomaly.magnitude() / anomaly.readings();
        }
        soc = clamp(soc + socChange, 0, 100);
        temperatureC =
                params.temperature.next(
                        temperatureC, ambientC(eventTime) + 3e-6 * Math.abs(reportedW));
        double runaway =
                type == AnomalyType.BATTERY_THERMAL_RUNAWAY ? anomaly.riseThenRecover(dt) : 0;

        out.set(SOLAR, solar > 0 ? solar * (1 + 0.005 * rng.nextGaussian()) : 0);
        out.set(SOC, soc);
        out.set(TEMPERATURE, temperatureC + runaway + 0.02 * rng.nextGaussian());
        out.set(VOLTAGE, 1_150 + 1.5 * (soc - 50) - 1.5e-5 * reportedW + rng.nextGaussian());
        out.position(lat, lon);
        out.phase(phase.id);
    }

    private void advancePhase(double solar, long eventTime) {
        dwell += params.dt;
        Phase wanted = wantedPhase(solar, eventTime);
        boolean exhausted =
                (phase == Phase.CHARGING && soc >= 97) || (phase == Phase.DISCHARGING && soc <= 8);
        if (wanted != phase && (dwell >= MIN_DWELL_S || exhausted)) {
            phase = wanted;
            dwell = 0;
        }
    }

    private Phase wantedPhase(double solar, long eventTime) {
        double hour = SolarGeometry.localSolarHour(lon, eventTime);
        boolean peak = (hour >= 17 && hour < 22) || (hour >= 6 && hour < 8);
        if (solar > 0.2 * peakSolarW && soc < 95) {
            return Phase.CHARGING;
        }
        return peak && soc > 15 ? Phase.DISCHARGING : Phase.IDLE;
    }

    private double targetPower(double solar) {
        return switch (phase) {
            case CHARGING -> -Math.min(0.85 * solar, RATED_POWER_W);
            case DISCHARGING -> dispatchW;
            case IDLE -> AUXILIARY_W;
        };
    }

    private double solarW(long eventTime) {
        double sinElevation = SolarGeometry.sinElevation(lat, lon, eventTime);
        return sinElevation > 0 ? peakSolarW * Math.pow(sinElevation, 1.2) * cloud : 0;
    }

    private double ambientC(long eventTime) {
        double hour = SolarGeometry.localSolarHour(lon, eventTime);
        return ambientMeanC + 7 * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }
}
