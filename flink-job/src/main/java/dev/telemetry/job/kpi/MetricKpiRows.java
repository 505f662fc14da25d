package dev.telemetry.job.kpi;

import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Unfolds a device window into one {@link MetricKpiRow} per metric that had samples. */
public final class MetricKpiRows implements FlatMapFunction<DeviceWindowKpi, MetricKpiRow> {

    @Override
    public void flatMap(DeviceWindowKpi kpi, Collector<MetricKpiRow> out) {
        DeviceStats stats = kpi.stats;
        List<MetricDefinition> metrics = Metrics.of(kpi.family);
        for (int i = 0; i < stats.metricCount(); i++) {
            if (stats.count[i] == 0) {
                continue;
            }
            MetricDefinition metric = metrics.get(i);
            out.collect(
                    new MetricKpiRow(
                            kpi.deviceId,
                            kpi.family.id(),
                            kpi.windowStart,
                            kpi.windowEnd,
                            metric.name(),
                            metric.unit(),
                            stats.count[i],
                            stats.min[i],
                            stats.meanOf(i),
                            stats.max[i],
                            stats.last[i],
                            stats.stddev(i)));
        }
    }
}
