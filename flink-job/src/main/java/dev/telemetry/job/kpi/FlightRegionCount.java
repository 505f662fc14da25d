package dev.telemetry.job.kpi;

/** One row of {@code flight_region_kpis}: aircraft in a {@link FlightRegion} during a window. */
public record FlightRegionCount(
        long windowStart, long windowEnd, String region, long aircraftCount) {}
