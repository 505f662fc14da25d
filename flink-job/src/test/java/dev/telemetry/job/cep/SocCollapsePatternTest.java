package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import org.junit.jupiter.api.Test;

class SocCollapsePatternTest {

    private final SocCollapsePattern pattern = new SocCollapsePattern();

    @Test
    void shouldEmitDetectionWhenSocFallsFarFasterThanPowerExplains() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.vehicle("V1")
                                        .ramp(Metrics.BATTERY_SOC_PCT, 70, -2, 5)))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.type).isEqualTo(AnomalyType.SOC_COLLAPSE);
                            assertThat(d.observed).isEqualTo(6.0);
                            assertThat(d.threshold).isBetween(1.5, 1.6);
                        });
    }

    @Test
    void shouldIgnoreNormalDischargeAtHighPower() throws Exception {
        // 200 kW from 75 kWh drains ~0.074 %/s: a normal, power-explained loss.
        TestReadings hard = TestReadings.vehicle("V1").set(Metrics.POWER_KW, 200);
        assertThat(
                        DetectorHarness.detect(
                                pattern, hard.ramp(Metrics.BATTERY_SOC_PCT, 70, -0.074, 30)))
                .isEmpty();
    }

    @Test
    void shouldEmitDetectionForStorageSiteCollapse() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.energy("S1").ramp(Metrics.SOC_PERCENT, 60, -1.5, 5)))
                .singleElement()
                .satisfies(d -> assertThat(d.metric).isEqualTo(Metrics.SOC_PERCENT));
    }

    @Test
    void shouldIgnoreSocRisingWhileCharging() throws Exception {
        TestReadings charging =
                TestReadings.vehicle("V1").phase("charging").set(Metrics.POWER_KW, -100);
        assertThat(
                        DetectorHarness.detect(
                                pattern, charging.ramp(Metrics.BATTERY_SOC_PCT, 40, 0.05, 20)))
                .isEmpty();
    }
}
