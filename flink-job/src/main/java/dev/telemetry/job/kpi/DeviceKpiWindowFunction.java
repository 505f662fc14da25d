package dev.telemetry.job.kpi;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Attaches device and window bounds to the pre-aggregated {@link DeviceStats}. */
public final class DeviceKpiWindowFunction
        extends ProcessWindowFunction<DeviceStats, DeviceWindowKpi, String, TimeWindow> {

    @Override
    public void process(
            String deviceId,
            Context context,
            Iterable<DeviceStats> aggregates,
            Collector<DeviceWindowKpi> out) {
        TimeWindow window = context.window();
        for (DeviceStats stats : aggregates) {
            out.collect(
                    new DeviceWindowKpi(
                            deviceId, stats.family, window.getStart(), window.getEnd(), stats));
        }
    }
}
