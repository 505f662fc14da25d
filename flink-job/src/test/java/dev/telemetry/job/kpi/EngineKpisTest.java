package dev.telemetry.job.kpi;

import static dev.telemetry.job.kpi.KpiFixtures.MINUTE;
import static dev.telemetry.job.kpi.KpiFixtures.window;
import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineKpisTest {

    @ParameterizedTest
    @CsvSource({
        "100, EXCELLENT",
        "90, EXCELLENT",
        "89.999, GOOD",
        "75, GOOD",
        "74.999, FAIR",
        "60, FAIR",
        "59.999, NEEDS_ATTENTION",
        "0, NEEDS_ATTENTION",
        "NaN, NEEDS_ATTENTION"
    })
    void shouldGradeHealthByDocumentedThresholds(double score, EngineHealth expected) {
        assertThat(EngineHealth.of(score)).isEqualTo(expected);
    }

    @Test
    void shouldGradeEngineByMeanPerformanceScoreOfItsWindow() {
        EngineKpi kpi =
                EngineKpiFunction.of(
                        window(
                                reading("E1", Family.ENGINE, T0, 1, Metrics.PERFORMANCE_SCORE, 95),
                                reading(
                                        "E1",
                                        Family.ENGINE,
                                        T0 + 1,
                                        2,
                                        Metrics.PERFORMANCE_SCORE,
                                        80)));

        assertThat(kpi.performanceScore()).isEqualTo(87.5);
        assertThat(kpi.minPerformanceScore()).isEqualTo(80);
        assertThat(kpi.health()).isEqualTo(EngineHealth.GOOD);
        assertThat(kpi.readingCount()).isEqualTo(2);
    }

    @Test
    void shouldNeedAttentionWhenEngineReportsNoScore() {
        EngineKpi kpi =
                EngineKpiFunction.of(
                        window(reading("E1", Family.ENGINE, T0, 1, Metrics.VIBRATION_G, 2)));

        assertThat(kpi.performanceScore()).isNaN();
        assertThat(kpi.health()).isEqualTo(EngineHealth.NEEDS_ATTENTION);
    }

    @Test
    void shouldRollUpFleetWithLatestVersionPerEngine() {
        EngineKpi e1 = new EngineKpi("E1", T0, T0 + MINUTE, 10, 95, 90, EngineHealth.EXCELLENT);
        EngineKpi e2early = new EngineKpi("E2", T0, T0 + MINUTE, 10, 70, 60, EngineHealth.FAIR);
        EngineKpi e2late =
                new EngineKpi("E2", T0, T0 + MINUTE, 11, 50, 40, EngineHealth.NEEDS_ATTENTION);
        EngineKpi e3 =
                new EngineKpi(
                        "E3",
                        T0,
                        T0 + MINUTE,
                        0,
                        Double.NaN,
                        Double.NaN,
                        EngineHealth.NEEDS_ATTENTION);

        EngineFleetKpi fleet =
                EngineFleetWindowFunction.rollUp(T0, T0 + MINUTE, List.of(e1, e2early, e3, e2late));

        assertThat(fleet.engineCount()).isEqualTo(3);
        assertThat(fleet.avgPerformanceScore()).isEqualTo(72.5);
        assertThat(fleet.minPerformanceScore()).isEqualTo(50);
        assertThat(fleet.maxPerformanceScore()).isEqualTo(95);
        assertThat(fleet.excellentCount()).isEqualTo(1);
        assertThat(fleet.goodCount()).isZero();
        assertThat(fleet.fairCount()).isZero();
        assertThat(fleet.needsAttentionCount()).isEqualTo(2);
    }
}
