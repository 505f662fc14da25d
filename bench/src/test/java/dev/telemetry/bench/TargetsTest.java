package dev.telemetry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetsTest {

    private static Figure figure(String id, double value, double baseline) {
        return new Figure(id, id, value, "events/s", "baseline", baseline, 1.0, "");
    }

    @Test
    void shouldJudgeThroughputByTheBetterParallelismAndItsRatio() {
        Report report = new Report();
        report.add(figure("throughput.job.p1", 40_000, 100_000));
        report.add(figure("throughput.job.p2", 70_000, 100_000));

        Targets.judge(report);

        assertThat(report.targets.get(0).measured()).isEqualTo(70_000);
        assertThat(report.targets.get(0).met()).isFalse();
        assertThat(report.targets.get(1).measured()).isEqualTo(0.7);
        assertThat(report.targets.get(1).met()).isTrue();
    }

    @Test
    void shouldCountATargetWithoutMeasurementAsNotMet() {
        Report report = new Report();

        Targets.judge(report);

        assertThat(report.targets).hasSize(6).noneMatch(Target::met);
    }

    @Test
    void shouldNameAnOperatorChainByItsHead() {
        assertThat(ReportWriter.chain("Alert lifecycle -> (Alerts: Writer, Events: Writer)"))
                .isEqualTo("Alert lifecycle → (…)");
        assertThat(ReportWriter.chain("Deduplicate (device, seq) -> Engine readings"))
                .isEqualTo("Deduplicate (device, seq) -> Engine readings");
    }

    @Test
    void shouldFormatBytesAndRates() {
        assertThat(ReportWriter.quantity(3 * 1024 * 1024, "bytes")).isEqualTo("3.0 MB");
        assertThat(ReportWriter.quantity(123_456.4, "events/s")).isEqualTo("123,456 events/s");
        assertThat(ReportWriter.quantity(Double.NaN, "ms")).isEqualTo("–");
    }
}
