package dev.telemetry.simulator.generator;

/** Great-circle navigation on a spherical Earth; angles in degrees, distances in metres. */
public final class Geo {

    static final double EARTH_RADIUS_M = 6_371_000;

    private Geo() {}

    /** Great-circle distance (haversine). */
    public static double distance(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2)
                        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Initial true course from point 1 towards point 2, in [0, 360). */
    static double bearing(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dl) * Math.cos(p2);
        double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
        return normalizeDegrees(Math.toDegrees(Math.atan2(y, x)));
    }

    /**
     * The point reached from {@code (lat, lon)} after {@code distance} along the great circle with
     * initial course {@code bearing}; written to {@code out} as {lat, lon}.
     */
    static void destination(double lat, double lon, double bearing, double distance, double[] out) {
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double b = Math.toRadians(bearing);
        double d = distance / EARTH_RADIUS_M;
        double sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b);
        double p2 = Math.asin(Dynamics.clamp(sinP2, -1, 1));
        double l2 =
                l1
                        + Math.atan2(
                                Math.sin(b) * Math.sin(d) * Math.cos(p1),
                                Math.cos(d) - Math.sin(p1) * sinP2);
        out[0] = Math.toDegrees(p2);
        out[1] = normalizeLongitude(Math.toDegrees(l2));
    }

    static double normalizeDegrees(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }

    static double normalizeLongitude(double lon) {
        double l = (lon + 180) % 360;
        return (l < 0 ? l + 360 : l) - 180;
    }

    /** Signed smallest turn from heading {@code from} to heading {@code to}, in (-180, 180]. */
    static double turn(double from, double to) {
        double d = normalizeDegrees(to - from);
        return d > 180 ? d - 360 : d;
    }
}
