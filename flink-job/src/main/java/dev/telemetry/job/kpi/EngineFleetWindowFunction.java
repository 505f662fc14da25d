package dev.telemetry.job.kpi;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Rolls per-engine KPIs of a window up to the fleet. A late firing of the per-engine window sends
 * an engine again; the latest version per engine wins, so nothing is counted twice.
 */
public final class EngineFleetWindowFunction
        extends ProcessAllWindowFunction<EngineKpi, EngineFleetKpi, TimeWindow> {

    @Override
    public void process(
            Context context, Iterable<EngineKpi> engines, Collector<EngineFleetKpi> out) {
        TimeWindow window = context.window();
        out.collect(rollUp(window.getStart(), window.getEnd(), engines));
    }

    /** The fleet roll-up of the engine KPIs of one window (latest per engine). */
    public static EngineFleetKpi rollUp(
            long windowStart, long windowEnd, Iterable<EngineKpi> kpis) {
        // Sorted by device, so that floating-point sums don't depend on arrival order.
        Map<String, EngineKpi> latest = new TreeMap<>();
        for (EngineKpi kpi : kpis) {
            latest.put(kpi.deviceId(), kpi);
        }
        long graded = 0;
        long idle = 0;
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        long[] byHealth = new long[EngineHealth.values().length];
        for (EngineKpi kpi : latest.values()) {
            if (kpi.health() == null) {
                idle++;
                continue;
            }
            byHealth[kpi.health().ordinal()]++;
            double score = kpi.performanceScore();
            graded++;
            sum += score;
            min = Double.isNaN(min) ? score : Math.min(min, score);
            max = Double.isNaN(max) ? score : Math.max(max, score);
        }
        return new EngineFleetKpi(
                windowStart,
                windowEnd,
                latest.size(),
                graded == 0 ? Double.NaN : sum / graded,
                min,
                max,
                byHealth[EngineHealth.EXCELLENT.ordinal()],
                byHealth[EngineHealth.GOOD.ordinal()],
                byHealth[EngineHealth.FAIR.ordinal()],
                byHealth[EngineHealth.NEEDS_ATTENTION.ordinal()],
                idle);
    }
}
