package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.alert.Severity;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.Rule;
import dev.telemetry.job.rules.RuleParser;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatteryThermalRunawayPatternTest {

    private final BatteryThermalRunawayPattern pattern = new BatteryThermalRunawayPattern();

    @Test
    void shouldEmitCriticalDetectionWhenVehicleBatteryHeatsFasterThanTheLimit() throws Exception {
        List<Detection> detections =
                DetectorHarness.detect(
                        pattern,
                        TestReadings.vehicle("V1").ramp(Metrics.BATTERY_TEMP_C, 35, 0.5, 6));

        assertThat(detections)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.type).isEqualTo(AnomalyType.BATTERY_THERMAL_RUNAWAY);
                            assertThat(d.metric).isEqualTo(Metrics.BATTERY_TEMP_C);
                            assertThat(d.observed).isEqualTo(30.0);
                            assertThat(d.threshold).isEqualTo(6.0);
                            assertThat(d.severity).isEqualTo(Severity.CRITICAL);
                            assertThat(d.eventTime).isEqualTo(TestReadings.T0 + 3000);
                        });
    }

    @Test
    void shouldEmitDetectionWhenStorageSiteContainerHeatsFast() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.energy("S1").ramp(Metrics.TEMPERATURE_C, 30, 1, 5)))
                .singleElement()
                .satisfies(d -> assertThat(d.metric).isEqualTo(Metrics.TEMPERATURE_C));
    }

    @Test
    void shouldIgnoreChargingTemperatureRiseWithinLimits() throws Exception {
        // 7 °C/min while charging: above the driving limit (6) but within the charging one (8).
        TestReadings charging =
                TestReadings.vehicle("V1").phase("charging").set(Metrics.POWER_KW, -150);
        assertThat(
                        DetectorHarness.detect(
                                pattern, charging.ramp(Metrics.BATTERY_TEMP_C, 30, 7.0 / 60, 20)))
                .isEmpty();
    }

    @Test
    void shouldEmitDetectionForTheSameRiseWhileDriving() throws Exception {
        TestReadings driving = TestReadings.vehicle("V1");
        assertThat(
                        DetectorHarness.detect(
                                pattern, driving.ramp(Metrics.BATTERY_TEMP_C, 30, 7.0 / 60, 20)))
                .isNotEmpty();
    }

    @Test
    void shouldIgnoreFastRiseBelowAFloorSetByRule() throws Exception {
        Rule floor =
                RuleParser.parse(
                                "{\"family\":\"vehicle\",\"pattern\":\"BATTERY_THERMAL_RUNAWAY\","
                                        + "\"version\":2,\"params\":{\"floor_c\":25}}")
                        .rule();
        List<Reading> coldPack = TestReadings.vehicle("V1").ramp(Metrics.BATTERY_TEMP_C, 0, 0.5, 6);
        assertThat(DetectorHarness.detect(pattern, coldPack)).isNotEmpty();
        assertThat(DetectorHarness.detect(pattern, coldPack, floor)).isEmpty();
    }
}
