package dev.telemetry.job.kpi;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Derives {@link VehicleKpi} from a vehicle's window statistics; ignores other families.
 *
 * <ul>
 *   <li>distance: last minus first {@code odometer_km} by event time when the window has two or
 *       more odometer samples; otherwise the speed integral {@code sum(speed_kmh) x mean sampling
 *       interval};
 *   <li>energy: {@code sum(power_kw) x mean sampling interval} in kWh (net: regeneration and
 *       charging count negative), where the mean sampling interval is {@link
 *       DeviceStats#meanSamplingIntervalMillis()}, NaN with fewer than two readings;
 *   <li>average speed and maximum battery temperature straight from the samples.
 * </ul>
 */
public final class VehicleKpiFunction implements FlatMapFunction<DeviceWindowKpi, VehicleKpi> {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    @Override
    public void flatMap(DeviceWindowKpi kpi, Collector<VehicleKpi> out) {
        if (kpi.family != Family.VEHICLE) {
            return;
        }
        out.collect(of(kpi));
    }

    /** The vehicle KPI of one vehicle window. */
    public static VehicleKpi of(DeviceWindowKpi kpi) {
        DeviceStats stats = kpi.stats;
        double intervalHours = stats.meanSamplingIntervalMillis() / MILLIS_PER_HOUR;
        double distance;
        if (stats.countOf(Metrics.ODOMETER_KM) >= 2) {
            distance = stats.lastOf(Metrics.ODOMETER_KM) - stats.firstOf(Metrics.ODOMETER_KM);
        } else {
            distance = sum(stats, Metrics.SPEED_KMH) * intervalHours;
        }
        double energy = sum(stats, Metrics.POWER_KW) * intervalHours;
        return new VehicleKpi(
                kpi.deviceId,
                kpi.windowStart,
                kpi.windowEnd,
                stats.readingCount,
                distance,
                energy,
                stats.meanOf(Metrics.SPEED_KMH),
                stats.maxOf(Metrics.BATTERY_TEMP_C));
    }

    /** Sum of a metric's samples (mean x count), NaN without samples. */
    static double sum(DeviceStats stats, String metric) {
        long n = stats.countOf(metric);
        return n == 0 ? Double.NaN : stats.meanOf(metric) * n;
    }
}
