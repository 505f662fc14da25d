package dev.telemetry.simulator.generator;

/**
 * Where the sun stands, from event time and position: enough astronomy for a plausible day/night
 * cycle (declination by day of year, hour angle by local solar time; no equation of time).
 */
public final class SolarGeometry {

    private static final double MILLIS_PER_DAY = 86_400_000.0;
    private static final double TROPICAL_YEAR_DAYS = 365.2422;
    private static final double MAX_DECLINATION = Math.toRadians(23.44);

    private SolarGeometry() {}

    /** Sine of the sun's elevation above the horizon; positive by day, negative at night. */
    public static double sinElevation(double latDeg, double lonDeg, long epochMillis) {
        double days = epochMillis / MILLIS_PER_DAY;
        // Days since the December solstice (~10 days before 1 January).
        double sinceSolstice = (days + 10) % TROPICAL_YEAR_DAYS;
        double declination =
                -MAX_DECLINATION * Math.cos(2 * Math.PI * sinceSolstice / TROPICAL_YEAR_DAYS);
        double hourAngle = Math.toRadians((localSolarHour(lonDeg, epochMillis) - 12) * 15);
        double lat = Math.toRadians(latDeg);
        return Math.sin(lat) * Math.sin(declination)
                + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
    }

    /** Local mean solar time in hours, [0, 24). */
    public static double localSolarHour(double lonDeg, long epochMillis) {
        double utcHours = Math.floorMod(epochMillis, 86_400_000L) / 3_600_000.0;
        double hour = (utcHours + lonDeg / 15) % 24;
        return hour < 0 ? hour + 24 : hour;
    }
}
