package dev.telemetry.job.kpi;

/**
 * Named latitude/longitude boxes for counting aircraft per region. An aircraft is placed by its
 * last valid position in the window; boxes are tried in declaration order and the first that
 * contains the position wins (so Europe takes precedence over Africa and Asia where they touch).
 * Positions in no box count as {@link #OTHER}; aircraft without a valid position in the window
 * count as {@link #NO_POSITION}, so the counts of a window add up to its aircraft.
 */
public enum FlightRegion {
    EUROPE("europe", 35, 72, -25, 45),
    NORTH_AMERICA("north_america", 15, 75, -170, -50),
    SOUTH_AMERICA("south_america", -56, 15, -92, -30),
    AFRICA("africa", -35, 35, -20, 52),
    ASIA("asia", -10, 78, 45, 180),
    OCEANIA("oceania", -50, -10, 110, 180),
    OTHER("other", 0, 0, 0, 0),
    NO_POSITION("no_position", 0, 0, 0, 0);

    private final String id;
    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double maxLon;

    FlightRegion(String id, double minLat, double maxLat, double minLon, double maxLon) {
        this.id = id;
        this.minLat = minLat;
        this.maxLat = maxLat;
        this.minLon = minLon;
        this.maxLon = maxLon;
    }

    /** The identifier stored in {@code flight_region_kpis.region}. */
    public String id() {
        return id;
    }

    private static final FlightRegion[] BOXES = {
        EUROPE, NORTH_AMERICA, SOUTH_AMERICA, AFRICA, ASIA, OCEANIA
    };

    /** The region of a position; NaN coordinates give {@link #NO_POSITION}. */
    public static FlightRegion of(double lat, double lon) {
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
            return NO_POSITION;
        }
        for (FlightRegion region : BOXES) {
            if (lat >= region.minLat
                    && lat < region.maxLat
                    && lon >= region.minLon
                    && lon < region.maxLon) {
                return region;
            }
        }
        return OTHER;
    }
}
