package dev.telemetry.job.kpi;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Unfolds a fleet window into one {@link FlightRegionCount} per region, zeros included, so a region
 * that empties is overwritten with 0 rather than keeping a stale count.
 */
public final class FlightRegionRows implements FlatMapFunction<FlightFleetKpi, FlightRegionCount> {

    @Override
    public void flatMap(FlightFleetKpi kpi, Collector<FlightRegionCount> out) {
        for (FlightRegion region : FlightRegion.values()) {
            out.collect(
                    new FlightRegionCount(
                            kpi.windowStart(),
                            kpi.windowEnd(),
                            region.id(),
                            kpi.regionCounts()[region.ordinal()]));
        }
    }
}
