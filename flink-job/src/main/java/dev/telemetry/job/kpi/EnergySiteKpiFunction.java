package dev.telemetry.job.kpi;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.time.Duration;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Derives {@link EnergySiteKpi} from a site's window statistics; ignores other families.
 *
 * <ul>
 *   <li>energy_wh_total: {@code sum(power_w) x mean sampling interval} in Wh, net at the grid
 *       connection (discharging positive, charging negative); solar_energy_wh likewise from {@code
 *       solar_power_w};
 *   <li>peak_power_w: the largest {@code power_w} sample; avg_temp_c: mean {@code temperature_c};
 *   <li>uptime_percent: readings received / readings expected x 100, capped at 100, where expected
 *       = window size / expected reading interval (option {@code
 *       kpi.energy.expected-reading-interval}).
 * </ul>
 */
public final class EnergySiteKpiFunction
        implements FlatMapFunction<DeviceWindowKpi, EnergySiteKpi> {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final long expectedReadingIntervalMillis;

    public EnergySiteKpiFunction(Duration expectedReadingInterval) {
        this.expectedReadingIntervalMillis = expectedReadingInterval.toMillis();
    }

    @Override
    public void flatMap(DeviceWindowKpi kpi, Collector<EnergySiteKpi> out) {
        if (kpi.family != Family.ENERGY) {
            return;
        }
        out.collect(of(kpi, expectedReadingIntervalMillis));
    }

    /** The energy-site KPI of one site window. */
    public static EnergySiteKpi of(DeviceWindowKpi kpi, long expectedReadingIntervalMillis) {
        DeviceStats stats = kpi.stats;
        double intervalHours = stats.meanSamplingIntervalMillis() / MILLIS_PER_HOUR;
        double expected =
                (double) (kpi.windowEnd - kpi.windowStart) / expectedReadingIntervalMillis;
        return new EnergySiteKpi(
                kpi.deviceId,
                kpi.windowStart,
                kpi.windowEnd,
                stats.readingCount,
                VehicleKpiFunction.sum(stats, Metrics.POWER_W) * intervalHours,
                VehicleKpiFunction.sum(stats, Metrics.SOLAR_POWER_W) * intervalHours,
                stats.maxOf(Metrics.POWER_W),
                stats.meanOf(Metrics.TEMPERATURE_C),
                Math.min(100.0, 100.0 * stats.readingCount / expected));
    }
}
