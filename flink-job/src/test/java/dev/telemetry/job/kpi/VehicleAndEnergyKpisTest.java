package dev.telemetry.job.kpi;

import static dev.telemetry.job.kpi.KpiFixtures.window;
import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import org.junit.jupiter.api.Test;

class VehicleAndEnergyKpisTest {

    @Test
    void shouldTakeVehicleDistanceFromOdometerAndEnergyFromPowerTimesMeanInterval() {
        // Three readings 30 s apart: each stands for 30 s.
        VehicleKpi kpi =
                VehicleKpiFunction.of(
                        window(
                                reading(
                                        "V",
                                        Family.VEHICLE,
                                        T0 + 60_000,
                                        3,
                                        Metrics.ODOMETER_KM,
                                        101.0,
                                        Metrics.POWER_KW,
                                        20,
                                        Metrics.SPEED_KMH,
                                        60,
                                        Metrics.BATTERY_TEMP_C,
                                        31),
                                reading(
                                        "V",
                                        Family.VEHICLE,
                                        T0,
                                        1,
                                        Metrics.ODOMETER_KM,
                                        100.0,
                                        Metrics.POWER_KW,
                                        40,
                                        Metrics.SPEED_KMH,
                                        30,
                                        Metrics.BATTERY_TEMP_C,
                                        35),
                                reading(
                                        "V",
                                        Family.VEHICLE,
                                        T0 + 30_000,
                                        2,
                                        Metrics.ODOMETER_KM,
                                        100.5,
                                        Metrics.POWER_KW,
                                        -10,
                                        Metrics.SPEED_KMH,
                                        90,
                                        Metrics.BATTERY_TEMP_C,
                                        33)));

        assertThat(kpi.distanceKm()).isEqualTo(1.0, within(1e-9));
        assertThat(kpi.energyKwh()).isEqualTo(50.0 * 30 / 3600, within(1e-9));
        assertThat(kpi.avgSpeedKmh()).isEqualTo(60, within(1e-9));
        assertThat(kpi.maxBatteryTempC()).isEqualTo(35);
        assertThat(kpi.readingCount()).isEqualTo(3);
    }

    @Test
    void shouldFallBackToSpeedIntegralWithoutOdometer() {
        VehicleKpi kpi =
                VehicleKpiFunction.of(
                        window(
                                reading("V", Family.VEHICLE, T0, 1, Metrics.SPEED_KMH, 120),
                                reading(
                                        "V",
                                        Family.VEHICLE,
                                        T0 + 60_000,
                                        2,
                                        Metrics.SPEED_KMH,
                                        120)));

        assertThat(kpi.distanceKm()).isEqualTo(240.0 / 60, within(1e-9));
        assertThat(kpi.energyKwh()).isNaN();
    }

    @Test
    void shouldNotIntegrateASingleReading() {
        VehicleKpi kpi =
                VehicleKpiFunction.of(
                        window(reading("V", Family.VEHICLE, T0, 1, Metrics.POWER_KW, 50)));

        assertThat(kpi.energyKwh()).isNaN();
    }

    @Test
    void shouldComputeEnergySiteEnergyPeakTemperatureAndUptime() {
        EnergySiteKpi kpi =
                EnergySiteKpiFunction.of(
                        window(
                                reading(
                                        "S",
                                        Family.ENERGY,
                                        T0,
                                        1,
                                        Metrics.POWER_W,
                                        1000,
                                        Metrics.SOLAR_POWER_W,
                                        500,
                                        Metrics.TEMPERATURE_C,
                                        20),
                                reading(
                                        "S",
                                        Family.ENERGY,
                                        T0 + 10_000,
                                        2,
                                        Metrics.POWER_W,
                                        -400,
                                        Metrics.SOLAR_POWER_W,
                                        700,
                                        Metrics.TEMPERATURE_C,
                                        30),
                                reading(
                                        "S",
                                        Family.ENERGY,
                                        T0 + 20_000,
                                        3,
                                        Metrics.POWER_W,
                                        3000,
                                        Metrics.SOLAR_POWER_W,
                                        0,
                                        Metrics.TEMPERATURE_C,
                                        25)),
                        10_000);

        assertThat(kpi.energyWhTotal()).isEqualTo(3600.0 * 10 / 3600, within(1e-9));
        assertThat(kpi.solarEnergyWh()).isEqualTo(1200.0 * 10 / 3600, within(1e-9));
        assertThat(kpi.peakPowerW()).isEqualTo(3000);
        assertThat(kpi.avgTempC()).isEqualTo(25, within(1e-9));
        assertThat(kpi.uptimePercent()).isEqualTo(50, within(1e-9)); // 3 of 6 expected
    }

    @Test
    void shouldCapUptimeAtHundredPercent() {
        EnergySiteKpi kpi =
                EnergySiteKpiFunction.of(
                        window(
                                reading("S", Family.ENERGY, T0, 1, Metrics.POWER_W, 1),
                                reading("S", Family.ENERGY, T0 + 1, 2, Metrics.POWER_W, 1)),
                        60_000);

        assertThat(kpi.uptimePercent()).isEqualTo(100);
    }
}
