package dev.telemetry.local.grafana;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows a query returned, with its column names and whether each column is numeric or a time,
 * which is what Grafana's data frames are built from.
 */
public record QueryResult(List<String> columns, List<Integer> sqlTypes, List<List<Object>> rows) {

    /** Runs {@code sql} on {@code connection}. */
    public static QueryResult run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                types.add(meta.getColumnType(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return new QueryResult(List.copyOf(columns), List.copyOf(types), rows);
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public Optional<Integer> column(String name) {
        int index = columns.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    public boolean isNumeric(int column) {
        return switch (sqlTypes.get(column)) {
            case Types.BIGINT,
                    Types.INTEGER,
                    Types.SMALLINT,
                    Types.DOUBLE,
                    Types.REAL,
                    Types.FLOAT,
                    Types.NUMERIC,
                    Types.DECIMAL ->
                    true;
            default -> false;
        };
    }

    /**
     * The time of every row as a comparable number (epoch ms), from a timestamp or an epoch-seconds
     * number, as Grafana reads a {@code time} column.
     */
    public List<Double> times() {
        int index = column("time").orElseThrow(() -> new IllegalStateException("no time column"));
        List<Double> times = new ArrayList<>();
        for (List<Object> row : rows) {
            Object value = row.get(index);
            if (value instanceof java.sql.Timestamp t) {
                times.add((double) t.getTime());
            } else if (value instanceof java.time.OffsetDateTime t) {
                times.add((double) t.toInstant().toEpochMilli());
            } else if (value instanceof Number n) {
                times.add(n.doubleValue() * 1000);
            } else {
                times.add(null);
            }
        }
        return times;
    }

    @Override
    public String toString() {
        return columns + " × " + rows.size() + " rows";
    }
}
