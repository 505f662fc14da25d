package dev.telemetry.job.kpi;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns an engine's pre-aggregated window scores into its {@link EngineKpi}. */
public final class EngineKpiWindowFunction
        extends ProcessWindowFunction<EngineScores, EngineKpi, String, TimeWindow> {

    @Override
    public void process(
            String deviceId,
            Context context,
            Iterable<EngineScores> scores,
            Collector<EngineKpi> out) {
        TimeWindow window = context.window();
        for (EngineScores score : scores) {
            out.collect(score.toKpi(deviceId, window.getStart(), window.getEnd()));
        }
    }
}
