package dev.telemetry.job.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of the job's tables as text, sorted, for comparing two databases. Columns that hold
 * wall-clock time are left out explicitly.
 */
public final class TableSnapshot {

    public static final List<String> TABLES =
            List.of(
                    "rejected_events",
                    "late_events",
                    "duplicate_events",
                    "device_windows",
                    "device_metric_kpis",
                    "engine_kpis",
                    "engine_fleet_kpis",
                    "flight_fleet_kpis",
                    "flight_region_kpis",
                    "vehicle_kpis",
                    "energy_site_kpis");

    /** Processing-time columns, excluded from comparisons. */
    public static final Set<String> WALL_CLOCK_COLUMNS = Set.of("ingested_at");

    private TableSnapshot() {}

    /**
     * Table name to its sorted rows, with the source topic's name replaced by {@code <topic>} so
     * that runs over different topics compare.
     */
    public static Map<String, List<String>> of(String jdbcUrl, String topic) throws Exception {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (!WALL_CLOCK_COLUMNS.contains(meta.getColumnName(i))) {
                                row.append(meta.getColumnName(i))
                                        .append('=')
                                        .append(
                                                topic.equals(rs.getString(i))
                                                        ? "<topic>"
                                                        : rs.getString(i))
                                        .append(' ');
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
