package dev.telemetry.simulator.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the simple comma-separated files the importers understand: a header row, no embedded commas
 * or line breaks in fields, optional double quotes around a field.
 */
final class CsvRows {

    private final BufferedReader reader;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> header;
    private long lineNumber;

    CsvRows(BufferedReader reader) throws IOException {
        this.reader = reader;
        String first = reader.readLine();
        if (first == null) {
            throw new ImportFormatException("the file is empty");
        }
        lineNumber = 1;
        header = split(first.startsWith("\uFEFF") ? first.substring(1) : first);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).toLowerCase(Locale.ROOT), i);
        }
    }

    /** The header's column names as written. */
    List<String> header() {
        return header;
    }

    /** Index of a column (case-insensitive), or -1. */
    int column(String name) {
        return columns.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
    }

    /** Line number of the row last returned (the header is line 1). */
    long lineNumber() {
        return lineNumber;
    }

    /** The next non-blank row's fields, or null at the end. */
    List<String> next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                return split(line);
            }
        }
        return null;
    }

    /** A field, trimmed, or null if the row is too short or the field is empty. */
    static String field(List<String> row, int index) {
        if (index < 0 || index >= row.size()) {
            return null;
        }
        String value = row.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String field = comma < 0 ? line.substring(start) : line.substring(start, comma);
            fields.add(unquote(field));
            if (comma < 0) {
                return fields;
            }
            start = comma + 1;
        }
    }

    private static String unquote(String field) {
        String trimmed = field.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return field;
    }
}
