package dev.telemetry.job.kpi;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Rolls aircraft window statistics up to {@link FlightFleetKpi}. The latest version per aircraft
 * wins, so late firings of the per-device window never count an aircraft twice.
 */
public final class FlightFleetWindowFunction
        extends ProcessAllWindowFunction<DeviceWindowKpi, FlightFleetKpi, TimeWindow> {

    @Override
    public void process(
            Context context, Iterable<DeviceWindowKpi> aircraft, Collector<FlightFleetKpi> out) {
        TimeWindow window = context.window();
        out.collect(rollUp(window.getStart(), window.getEnd(), aircraft));
    }

    /** The fleet roll-up of the aircraft windows of one window (latest per aircraft). */
    public static FlightFleetKpi rollUp(
            long windowStart, long windowEnd, Iterable<DeviceWindowKpi> windows) {
        Map<String, DeviceStats> latest = new TreeMap<>();
        for (DeviceWindowKpi kpi : windows) {
            latest.put(kpi.deviceId, kpi.stats);
        }
        int velocity = Metrics.indexOf(Family.FLIGHT, Metrics.VELOCITY_MS);
        int onGround = Metrics.indexOf(Family.FLIGHT, Metrics.ON_GROUND);
        long withPosition = 0;
        long grounded = 0;
        long airborne = 0;
        long velocitySamples = 0;
        double velocitySum = 0;
        double velocityMax = Double.NaN;
        long[] regions = new long[FlightRegion.values().length];
        for (DeviceStats stats : latest.values()) {
            if (stats.positionCount > 0) {
                withPosition++;
            }
            if (stats.count[onGround] > 0) {
                if (stats.last[onGround] >= 0.5) {
                    grounded++;
                } else {
                    airborne++;
                }
            }
            long n = stats.count[velocity];
            if (n > 0) {
                velocitySamples += n;
                velocitySum += stats.mean[velocity] * n;
                velocityMax =
                        Double.isNaN(velocityMax)
                                ? stats.max[velocity]
                                : Math.max(velocityMax, stats.max[velocity]);
            }
            regions[FlightRegion.of(stats.lastLat, stats.lastLon).ordinal()]++;
        }
        return new FlightFleetKpi(
                windowStart,
                windowEnd,
                latest.size(),
                withPosition,
                grounded,
                airborne,
                velocitySamples == 0 ? Double.NaN : velocitySum / velocitySamples,
                velocityMax,
                regions);
    }
}
