package dev.telemetry.job.cep;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;

/**
 * The battery metrics of the two battery families, so vehicle and energy-site detectors share their
 * logic: vehicles report kW, sites report W.
 */
enum BatteryMetrics {
    VEHICLE(Family.VEHICLE, Metrics.BATTERY_TEMP_C, Metrics.BATTERY_SOC_PCT, Metrics.POWER_KW, 1.0),
    ENERGY(Family.ENERGY, Metrics.TEMPERATURE_C, Metrics.SOC_PERCENT, Metrics.POWER_W, 0.001);

    final String temperature;
    final String soc;
    final String power;
    final int temperatureIndex;
    final int socIndex;
    final int powerIndex;

    /** Multiply the power metric by this to get kW. */
    final double toKw;

    BatteryMetrics(Family family, String temperature, String soc, String power, double toKw) {
        this.temperature = temperature;
        this.soc = soc;
        this.power = power;
        this.temperatureIndex = Metrics.indexOf(family, temperature);
        this.socIndex = Metrics.indexOf(family, soc);
        this.powerIndex = Metrics.indexOf(family, power);
        this.toKw = toKw;
    }

    /** The metrics of a family, or null for a family without a battery. */
    static BatteryMetrics of(Family family) {
        return switch (family) {
            case VEHICLE -> VEHICLE;
            case ENERGY -> ENERGY;
            default -> null;
        };
    }
}
