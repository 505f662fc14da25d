package dev.telemetry.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Compares tables of two PostgreSQL databases row by row: each table is read with {@code SELECT
 * <columns> FROM <table> ORDER BY <primary key>}, rows are matched by primary key, and every
 * missing, unexpected or changed row is reported with the columns that differ. Excluded columns
 * (wall-clock times) are not read; a normaliser per side maps values that legitimately differ
 * between runs, such as the input topic's name, to a common placeholder.
 */
final class TableDiff {

    /** Rows and differing rows shown per table in {@link Result#describe()}. */
    static final int MAX_EXAMPLES = 5;

    private static final int MAX_VALUE_CHARS = 80;

    private TableDiff() {}

    /**
     * A table as read: its primary key columns, the compared columns in table order, and every row
     * as text in primary-key order.
     */
    record Rows(String table, List<String> key, List<String> columns, List<List<String>> rows) {
        Rows {
            key = List.copyOf(key);
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** The comparison of one table. */
    record TableResult(
            String table,
            int expectedRows,
            int actualRows,
            int missing,
            int unexpected,
            int changed,
            List<String> examples) {

        boolean identical() {
            return missing == 0 && unexpected == 0 && changed == 0;
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s: %d rows expected, %d actual%s",
                    table,
                    expectedRows,
                    actualRows,
                    identical()
                            ? " — identical"
                            : String.format(
                                    Locale.ROOT,
                                    " — %d missing, %d unexpected, %d changed",
                                    missing,
                                    unexpected,
                                    changed));
        }
    }

    /** The comparison of every table. */
    record Result(List<TableResult> tables) {
        Result {
            tables = List.copyOf(tables);
        }

        boolean identical() {
            return tables.stream().allMatch(TableResult::identical);
        }

        /** Total rows of the expected side. */
        long expectedRows() {
            return tables.stream().mapToLong(TableResult::expectedRows).sum();
        }

        /** One line per table, followed by examples of every difference. */
        String describe() {
            StringBuilder out = new StringBuilder();
            for (TableResult table : tables) {
                out.append(table.summary()).append('\n');
                table.examples().forEach(e -> out.append("    ").append(e).append('\n'));
            }
            return out.toString();
        }
    }

    /**
     * Reads {@code tables} from both databases and compares them.
     *
     * @param excluded columns left out, as {@code table.column}
     * @param normalizeExpected applied to every value read from {@code expectedUrl}
     * @param normalizeActual applied to every value read from {@code actualUrl}
     */
    static Result compare(
            String expectedUrl,
            String actualUrl,
            String user,
            List<String> tables,
            Set<String> excluded,
            UnaryOperator<String> normalizeExpected,
            UnaryOperator<String> normalizeActual)
            throws SQLException {
        List<TableResult> results = new ArrayList<>();
        try (Connection expected = connect(expectedUrl, user);
                Connection actual = connect(actualUrl, user)) {
            for (String table : tables) {
                results.add(
                        diff(
                                read(expected, table, excluded, normalizeExpected),
                                read(actual, table, excluded, normalizeActual)));
            }
        }
        return new Result(results);
    }

    /** Row counts of {@code tables}, for reports. */
    static Map<String, Long> rowCounts(String url, String user, List<String> tables)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connect(url, user);
                Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs =
                        statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static Connection connect(String url, String user) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, "");
        try (Statement statement = connection.createStatement()) {
            // Text forms that do not depend on the session: UTC times, shortest exact doubles.
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute("SET extra_float_digits = 1");
        }
        return connection;
    }

    /** Reads one table in primary-key order (all columns if it has no primary key). */
    static Rows read(
            Connection connection,
            String table,
            Set<String> excluded,
            UnaryOperator<String> normalize)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        for (String column : columns(connection, table)) {
            if (!excluded.contains(table + "." + column)) {
                columns.add(column);
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + table + " has no columns to compare");
        }
        List<String> key = primaryKey(connection, table);
        if (key.isEmpty()) {
            key = columns;
        }
        String sql =
                "SELECT "
                        + columns.stream().map(TableDiff::quote).collect(Collectors.joining(", "))
                        + " FROM "
                        + quote(table)
                        + " ORDER BY "
                        + key.stream().map(TableDiff::quote).collect(Collectors.joining(", "));
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    String value = rs.getString(i);
                    row.add(value == null ? null : normalize.apply(value));
                }
                rows.add(row);
            }
        }
        return new Rows(table, key, columns, rows);
    }

    /** Matches rows by primary key and lists what differs. */
    static TableResult diff(Rows expected, Rows actual) {
        if (!expected.columns().equals(actual.columns())) {
            return new TableResult(
                    expected.table(),
                    expected.rows().size(),
                    actual.rows().size(),
                    0,
                    0,
                    Math.max(expected.rows().size(), actual.rows().size()),
                    List.of(
                            "columns differ: expected "
                                    + expected.columns()
                                    + " but were "
                                    + actual.columns()));
        }
        List<String> columns = expected.columns();
        int[] keyIndexes = expected.key().stream().mapToInt(columns::indexOf).toArray();
        Map<List<String>, List<String>> expectedByKey = byKey(expected.rows(), keyIndexes);
        Map<List<String>, List<String>> actualByKey = byKey(actual.rows(), keyIndexes);

        List<String> examples = new ArrayList<>();
        int missing = 0;
        int changed = 0;
        for (Map.Entry<List<String>, List<String>> entry : expectedByKey.entrySet()) {
            List<String> other = actualByKey.get(entry.getKey());
            String key = describeKey(expected.key(), entry.getKey());
            if (other == null) {
                if (missing++ < MAX_EXAMPLES) {
                    examples.add("missing    " + key);
                }
            } else if (!entry.getValue().equals(other)) {
                if (changed++ < MAX_EXAMPLES) {
                    examples.add(
                            "changed    "
                                    + key
                                    + ": "
                                    + describeChanges(columns, entry.getValue(), other));
                }
            }
        }
        int unexpected = 0;
        for (Map.Entry<List<String>, List<String>> entry : actualByKey.entrySet()) {
            if (!expectedByKey.containsKey(entry.getKey()) && unexpected++ < MAX_EXAMPLES) {
                examples.add(
                        "unexpected "
                                + describeKey(expected.key(), entry.getKey())
                                + ": "
                                + describeRow(columns, entry.getValue()));
            }
        }
        return new TableResult(
                expected.table(),
                expected.rows().size(),
                actual.rows().size(),
                missing,
                unexpected,
                changed,
                examples);
    }

    private static Map<List<String>, List<String>> byKey(
            List<List<String>> rows, int[] keyIndexes) {
        Map<List<String>, List<String>> byKey = new LinkedHashMap<>();
        for (List<String> row : rows) {
            List<String> key = new ArrayList<>(keyIndexes.length);
            for (int index : keyIndexes) {
                key.add(row.get(index));
            }
            byKey.put(key, row);
        }
        return byKey;
    }

    private static String describeKey(List<String> names, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(names.get(i) + "=" + abbreviate(values.get(i)));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String describeChanges(
            List<String> columns, List<String> expected, List<String> actual) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!Objects.equals(expected.get(i), actual.get(i))) {
                parts.add(
                        columns.get(i)
                                + " expected "
                                + abbreviate(expected.get(i))
                                + " but was "
                                + abbreviate(actual.get(i)));
            }
        }
        return String.join("; ", parts);
    }

    private static String describeRow(List<String> columns, List<String> row) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i) + "=" + abbreviate(row.get(i)));
        }
        return String.join(" ", parts);
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "NULL";
        }
        return value.length() <= MAX_VALUE_CHARS
                ? value
                : value.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND table_name = ?"
                                + " ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("No table " + table + " in " + connection);
        }
        return columns;
    }

    private static List<String> primaryKey(Connection connection, String table)
            throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT a.attname FROM pg_index i"
                                + " CROSS JOIN LATERAL unnest(i.indkey::int2[])"
                                + " WITH ORDINALITY AS k(attnum, position)"
                                + " JOIN pg_attribute a"
                                + " ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                                + " WHERE i.indrelid = to_regclass(?) AND i.indisprimary"
                                + " ORDER BY k.position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
