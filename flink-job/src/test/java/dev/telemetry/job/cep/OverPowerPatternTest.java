package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.model.Metrics;
import org.junit.jupiter.api.Test;

class OverPowerPatternTest {

    private final OverPowerPattern pattern = new OverPowerPattern();

    @Test
    void shouldEmitDetectionWhenDischargePowerExceedsTheRating() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.vehicle("V1")
                                        .readEvery(1000, Metrics.POWER_KW, 100, 290, 310, 120)))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.observed).isEqualTo(310.0);
                            assertThat(d.threshold).isEqualTo(200.0);
                            assertThat(d.clear).isEqualTo(ClearCondition.BELOW_LEVEL);
                            assertThat(d.clearLevel).isEqualTo(180.0);
                        });
    }

    @Test
    void shouldEmitDetectionWhenRegenerationExceedsTheChargeRatingWhileDriving() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.vehicle("V1")
                                        .readEvery(1000, Metrics.POWER_KW, -220, -230)))
                .singleElement()
                .satisfies(d -> assertThat(d.clear).isEqualTo(ClearCondition.ABOVE_LEVEL));
    }

    @Test
    void shouldIgnoreDcFastChargingWithinTheRating() throws Exception {
        TestReadings charging = TestReadings.vehicle("V1").phase("charging");
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                charging.readEvery(1000, Metrics.POWER_KW, -140, -150, -150, -145)))
                .isEmpty();
    }

    @Test
    void shouldIgnoreSingleReadingPeak() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.vehicle("V1")
                                        .readEvery(1000, Metrics.POWER_KW, 100, 300, 100, 300)))
                .isEmpty();
    }

    @Test
    void shouldCompareStorageSitePowerInWattsAgainstKilowattLimits() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                TestReadings.energy("S1")
                                        .readEvery(
                                                1000,
                                                Metrics.POWER_W,
                                                2_400_000,
                                                2_600_000,
                                                2_700_000)))
                .singleElement()
                .satisfies(d -> assertThat(d.threshold).isEqualTo(2_500_000.0));
    }
}
