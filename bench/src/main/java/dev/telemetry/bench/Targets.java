package dev.telemetry.bench;

/** The targets, judged against this run's figures; a figure not measured is not met. */
final class Targets {

    private Targets() {}

    static void judge(Report report) {
        Figure p1 = report.figure("throughput.job.p1");
        Figure p2 = report.figure("throughput.job.p2");
        Figure best = p2 == null || (p1 != null && p1.value() > p2.value()) ? p1 : p2;
        String which = best == null ? "not measured" : best.id() + " (the better parallelism)";
        report.targets.add(
                Target.atLeast(
                        "end-to-end ≥ 100,000 events/s on 2 cores",
                        best == null ? Double.NaN : best.value(),
                        100_000,
                        "events/s",
                        which));
        report.targets.add(
                Target.atLeast(
                        "end-to-end ≥ 0.6 × the raw consumer baseline",
                        best == null ? Double.NaN : best.ratio(),
                        0.6,
                        "× baseline",
                        which));

        Figure alert = report.figure("latency.production.alert.p99");
        Figure lowLatency = report.figure("latency.low_latency.alert.p99");
        Object rate = report.settings.get("latency_rate_used");
        report.targets.add(
                Target.atMost(
                        "p99 alert latency ≤ 250 ms at 20,000 events/s",
                        alert == null ? Double.NaN : alert.value(),
                        250,
                        "ms",
                        "production settings at "
                                + rate
                                + " events/s"
                                + (lowLatency == null
                                        ? ""
                                        : "; with 0 s out-of-orderness and 50 ms intervals: "
                                                + Math.round(lowLatency.value())
                                                + " ms")));

        Figure checkpoint = report.figure("state.checkpoint_duration");
        report.targets.add(
                Target.atMost(
                        "100,000-device checkpoint ≤ 2 s",
                        checkpoint == null ? Double.NaN : checkpoint.value() / 1000,
                        2,
                        "s",
                        checkpoint == null ? "not measured" : checkpoint.what()));

        Figure heap = report.figure("state.heap");
        double perDevice =
                heap == null ? Double.NaN : (heap.value() - heap.baselineValue()) / devices(report);
        report.targets.add(
                Target.atMost(
                        "≤ 100 MB heap per 100,000 devices",
                        perDevice * 100_000 / BenchmarkApp.MB,
                        100,
                        "MB (2^20 bytes)",
                        heap == null
                                ? "not measured"
                                : "heap after full GC, minus the same job before any reading"));

        Figure sink = report.figure("sink.upsert");
        report.targets.add(
                Target.atLeast(
                        "sink ≥ 50,000 rows/s",
                        sink == null ? Double.NaN : sink.value(),
                        50_000,
                        "rows/s",
                        "device_metric_kpis upserts as the job writes them"));
    }

    private static double devices(Report report) {
        Object state = report.details.get("state");
        if (state instanceof java.util.Map<?, ?> m && m.get("devices") instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }
}
