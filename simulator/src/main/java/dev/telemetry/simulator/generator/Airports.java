package dev.telemetry.simulator.generator;

import java.util.ArrayList;
import java.util.List;

/** A small built-in table of real airports and the routes between them that flights may take. */
final class Airports {

    /** An airport: ICAO code, reference point and elevation (m). */
    record Airport(String icao, double lat, double lon, double elevation) {}

    static final List<Airport> ALL =
            List.of(
                    new Airport("EDDF", 50.0333, 8.5706, 111),
                    new Airport("EDDM", 48.3538, 11.7861, 453),
                    new Airport("EGLL", 51.4706, -0.4619, 25),
                    new Airport("LFPG", 49.0097, 2.5479, 119),
                    new Airport("EHAM", 52.3086, 4.7639, -3),
                    new Airport("LEMD", 40.4719, -3.5626, 610),
                    new Airport("LIRF", 41.8003, 12.2389, 5),
                    new Airport("LSZH", 47.4647, 8.5492, 432),
                    new Airport("EKCH", 55.6179, 12.6560, 5),
                    new Airport("ESSA", 59.6519, 17.9186, 42),
                    new Airport("LPPT", 38.7813, -9.1359, 114),
                    new Airport("LTFM", 41.2753, 28.7519, 99),
                    new Airport("OMDB", 25.2528, 55.3644, 19),
                    new Airport("KJFK", 40.6398, -73.7789, 4),
                    new Airport("KORD", 41.9786, -87.9048, 205),
                    new Airport("KATL", 33.6367, -84.4281, 313),
                    new Airport("KDEN", 39.8617, -104.6731, 1656),
                    new Airport("KLAX", 33.9425, -118.4081, 38),
                    new Airport("KSFO", 37.6189, -122.3750, 4),
                    new Airport("CYYZ", 43.6772, -79.6306, 173),
                    new Airport("RJTT", 35.5523, 139.7800, 6),
                    new Airport("ZBAA", 40.0801, 116.5846, 35),
                    new Airport("VHHH", 22.3089, 113.9146, 9),
                    new Airport("WSSS", 1.3502, 103.9940, 7),
                    new Airport("VIDP", 28.5665, 77.1031, 237),
                    new Airport("YSSY", -33.9461, 151.1772, 6),
                    new Airport("YMML", -37.6733, 144.8433, 132),
                    new Airport("YBBN", -27.3842, 153.1175, 4),
                    new Airport("NZAA", -37.0082, 174.7917, 7),
                    new Airport("SBGR", -23.4356, -46.4731, 750),
                    new Airport("SAEZ", -34.8222, -58.5358, 20),
                    new Airport("SCEL", -33.3930, -70.7858, 474),
                    new Airport("FAOR", -26.1392, 28.2460, 1694),
                    new Airport("FACT", -33.9648, 18.6017, 46),
                    new Airport("HKJK", -1.3192, 36.9278, 1624));

    /** Shortest route flown: long enough for a full climb, cruise and descent. */
    static final double MIN_ROUTE_M = 700_000;

    /** Longest route flown, so that flights cycle through their phases often enough. */
    static final double MAX_ROUTE_M = 5_000_000;

    /** For each airport (by index), the airports a flight from it may go to. */
    private static final int[][] DESTINATIONS = destinations();

    private Airports() {}

    static int[] destinationsFrom(int airport) {
        return DESTINATIONS[airport];
    }

    private static int[][] destinations() {
        int[][] table = new int[ALL.size()][];
        for (int from = 0; from < ALL.size(); from++) {
            List<Integer> reachable = new ArrayList<>();
            for (int to = 0; to < ALL.size(); to++) {
                double d =
                        Geo.distance(
                                ALL.get(from).lat(),
                                ALL.get(from).lon(),
                                ALL.get(to).lat(),
                                ALL.get(to).lon());
                if (d >= MIN_ROUTE_M && d <= MAX_ROUTE_M) {
                    reachable.add(to);
                }
            }
            if (reachable.isEmpty()) {
                throw new IllegalStateException("no route from " + ALL.get(from).icao());
            }
            table[from] = reachable.stream().mapToInt(Integer::intValue).toArray();
        }
        return table;
    }
}
