package dev.telemetry.job.kpi;

import static dev.telemetry.job.kpi.KpiFixtures.MINUTE;
import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.Reading;
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
        "0, NEEDS_ATTENTION"
    })
    void shouldGradeHealthByDocumentedThresholds(double score, EngineHealth expected) {
        assertThat(EngineHealth.of(score)).isEqualTo(expected);
    }

    @Test
    void shouldNotGradeWithoutScore() {
        assertThat(EngineHealth.of(Double.NaN)).isNull();
    }

    private static Reading engine(String phase, double score) {
        Reading reading = reading("E1", Family.ENGINE, T0, 1, Metrics.PERFORMANCE_SCORE, score);
        reading.phase = phase;
        return reading;
    }

    @Test
    void shouldGradeEngineByMeanScoreOfMainstageReadingsOnly() {
        EngineScores scores = new EngineScores();
        scores.add(engine("ignition", 20));
        scores.add(engine("mainstage", 95));
        scores.add(engine("mainstage", 80));
        scores.add(engine("shutdown", 10));

        EngineKpi kpi = scores.toKpi("E1", T0, T0 + MINUTE);

        assertThat(kpi.readingCount()).isEqualTo(4);
        assertThat(kpi.mainstageCount()).isEqualTo(2);
        assertThat(kpi.performanceScore()).isEqualTo(87.5);
        assertThat(kpi.minPerformanceScore()).isEqualTo(80);
        assertThat(kpi.health()).isEqualTo(EngineHealth.GOOD);
    }

    @Test
    void shouldLeaveEngineWithoutMainstageUngraded() {
        EngineScores scores = new EngineScores();
        scores.add(engine("standby", 0));

        EngineKpi kpi = scores.toKpi("E1", T0, T0 + MINUTE);

        assertThat(kpi.performanceScore()).isNaN();
        assertThat(kpi.health()).isNull();
    }

    @Test
    void shouldMergeScoresLikeAddingThemTogether() {
        EngineScores left = new EngineScores();
        left.add(engine("mainstage", 70));
        EngineScores right = new EngineScores();
        right.add(engine("mainstage", 90));
        right.add(engine("standby", 0));

        EngineKpi kpi = left.merge(right).toKpi("E1", T0, T0 + MINUTE);

        assertThat(kpi.readingCount()).isEqualTo(3);
        assertThat(kpi.performanceScore()).isEqualTo(80);
        assertThat(kpi.minPerformanceScore()).isEqualTo(70);
    }

    @Test
    void shouldRollUpFleetWithLatestVersionPerEngine() {
        EngineKpi e1 = new EngineKpi("E1", T0, T0 + MINUTE, 10, 10, 95, 90, EngineHealth.EXCELLENT);
        EngineKpi e2early = new EngineKpi("E2", T0, T0 + MINUTE, 10, 10, 70, 60, EngineHealth.FAIR);
        EngineKpi e2late =
                new EngineKpi("E2", T0, T0 + MINUTE, 11, 11, 50, 40, EngineHealth.NEEDS_ATTENTION);
        EngineKpi e3 = new EngineKpi("E3", T0, T0 + MINUTE, 5, 0, Double.NaN, Double.NaN, null);

        EngineFleetKpi fleet =
                EngineFleetWindowFunction.rollUp(T0, T0 + MINUTE, List.of(e1, e2early, e3, e2late));

        assertThat(fleet.engineCount()).isEqualTo(3);
        assertThat(fleet.avgPerformanceScore()).isEqualTo(72.5);
        assertThat(fleet.minPerformanceScore()).isEqualTo(50);
        assertThat(fleet.maxPerformanceScore()).isEqualTo(95);
        assertThat(fleet.excellentCount()).isEqualTo(1);
        assertThat(fleet.goodCount()).isZero();
        assertThat(fleet.fairCount()).isZero();
        assertThat(fleet.needsAttentionCount()).isEqualTo(1);
        assertThat(fleet.idleCount()).isEqualTo(1);
    }
}
