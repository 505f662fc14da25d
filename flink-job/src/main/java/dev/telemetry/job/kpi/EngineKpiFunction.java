package dev.telemetry.job.kpi;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Derives {@link EngineKpi} from an engine's window statistics; ignores other families. */
public final class EngineKpiFunction implements FlatMapFunction<DeviceWindowKpi, EngineKpi> {

    @Override
    public void flatMap(DeviceWindowKpi kpi, Collector<EngineKpi> out) {
        if (kpi.family != Family.ENGINE) {
            return;
        }
        out.collect(of(kpi));
    }

    /** The engine KPI of one engine window. */
    public static EngineKpi of(DeviceWindowKpi kpi) {
        DeviceStats stats = kpi.stats;
        int score = Metrics.indexOf(Family.ENGINE, Metrics.PERFORMANCE_SCORE);
        double mean = stats.meanOf(score);
        double min = stats.count[score] == 0 ? Double.NaN : stats.min[score];
        return new EngineKpi(
                kpi.deviceId,
                kpi.windowStart,
                kpi.windowEnd,
                stats.readingCount,
                mean,
                min,
                EngineHealth.of(mean));
    }
}
