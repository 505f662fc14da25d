package dev.telemetry.job.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertScorerTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private static GroundTruthLabel label(String device, AnomalyType type, long onset, long end) {
        return GroundTruthLabel.anomaly(device, Family.VEHICLE, type, onset, end, "power_kw");
    }

    private static AlertRecord alert(String device, AnomalyType type, long onset) {
        return new AlertRecord(device + "-" + type + "-" + onset, device, type, onset);
    }

    @Test
    void shouldMatchAlertsWhoseOnsetLiesBetweenLabelOnsetAndEndPlusGrace() {
        List<GroundTruthLabel> labels =
                List.of(
                        label("V1", AnomalyType.OVER_POWER, 10_000, 20_000),
                        label("V2", AnomalyType.OVER_POWER, 10_000, 20_000),
                        label("V3", AnomalyType.OVER_POWER, 10_000, 20_000));
        List<AlertRecord> alerts =
                List.of(
                        alert("V1", AnomalyType.OVER_POWER, 12_000), // TP, delay 2 s
                        alert("V1", AnomalyType.OVER_POWER, 29_000), // TP within grace
                        alert("V2", AnomalyType.OVER_POWER, 9_999), // FP: before the onset
                        alert("V2", AnomalyType.OVER_POWER, 30_001), // FP: after end + grace
                        alert("V3", AnomalyType.SOC_COLLAPSE, 12_000), // FP: other type
                        alert("V4", AnomalyType.OVER_POWER, 12_000)); // FP: other device

        ScoreReport report = AlertScorer.score(alerts, labels, GRACE);

        ScoreReport.Row overPower = report.row("OVER_POWER");
        assertThat(overPower.labels()).isEqualTo(3);
        assertThat(overPower.alerts()).isEqualTo(5);
        assertThat(overPower.truePositives()).isEqualTo(2);
        assertThat(overPower.falsePositives()).isEqualTo(3);
        assertThat(overPower.falseNegatives()).isEqualTo(2);
        assertThat(overPower.precision()).isCloseTo(0.4, within(1e-9));
        assertThat(overPower.recall()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(overPower.f1()).isCloseTo(2 * 0.4 / 3 / (0.4 + 1.0 / 3), within(1e-9));
        assertThat(overPower.delayP50Ms()).isEqualTo(2000.0);

        ScoreReport.Row soc = report.row("SOC_COLLAPSE");
        assertThat(soc.precision()).isZero();
        assertThat(soc.recall()).isNaN();
        assertThat(report.total().alerts()).isEqualTo(6);
    }

    @Test
    void shouldIgnoreBadDataLabelsAndComputeNearestRankPercentiles() {
        List<GroundTruthLabel> labels =
                List.of(
                        GroundTruthLabel.badData(
                                "V1", Family.VEHICLE, BadDataType.NAN, 5, 1L, null),
                        label("V1", AnomalyType.OVER_POWER, 0, 100),
                        label("V2", AnomalyType.OVER_POWER, 0, 100),
                        label("V3", AnomalyType.OVER_POWER, 0, 100),
                        label("V4", AnomalyType.OVER_POWER, 0, 100));
        List<AlertRecord> alerts =
                List.of(
                        alert("V1", AnomalyType.OVER_POWER, 1000),
                        alert("V2", AnomalyType.OVER_POWER, 2000),
                        alert("V3", AnomalyType.OVER_POWER, 3000),
                        alert("V4", AnomalyType.OVER_POWER, 4000));

        ScoreReport report = AlertScorer.score(alerts, labels, GRACE);

        assertThat(report.total().labels()).isEqualTo(4);
        assertThat(report.total().delayP50Ms()).isEqualTo(2000.0);
        assertThat(report.total().delayP95Ms()).isEqualTo(4000.0);
        assertThat(report.toTable()).contains("OVER_POWER").contains("1.000");
        assertThat(report.toJson()).contains("\"delay_p50_ms\" : 2000.0");
    }
}
