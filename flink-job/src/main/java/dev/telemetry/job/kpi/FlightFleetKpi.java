package dev.telemetry.job.kpi;

/**
 * Flight fleet KPIs of one window. An aircraft counts as on ground or in air by the last {@code
 * on_ground} flag it reported in the window (neither if it reported none). Velocities are over all
 * velocity samples of the window (NaN without samples). {@code regionCounts} is indexed by {@link
 * FlightRegion#ordinal()}.
 */
public record FlightFleetKpi(
        long windowStart,
        long windowEnd,
        long aircraftCount,
        long withPositionCount,
        long onGroundCount,
        long inAirCount,
        double avgVelocityMs,
        double maxVelocityMs,
        long[] regionCounts) {}
