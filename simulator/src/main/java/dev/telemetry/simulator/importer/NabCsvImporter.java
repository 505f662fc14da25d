package dev.telemetry.simulator.importer;

import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Maps a Numenta Anomaly Benchmark data file ({@code timestamp,value}, timestamps in local time
 * without a zone, read as UTC) onto events of one device: the value goes into one chosen metric
 * after an optional linear transform {@code value * scale + offset} (for example °F to °C), the
 * sequence number is the data row number starting at 1.
 */
public final class NabCsvImporter {

    private static final DateTimeFormatter NAB_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String deviceId;
    private final MetricDefinition metric;
    private final double scale;
    private final double offset;
    private final OutOfRangePolicy outOfRange;

    /**
     * @param deviceId the device the series is attributed to
     * @param metric the metric that receives the values (its family is the events' family)
     * @param scale factor applied to every value
     * @param offset added after scaling
     * @param outOfRange what to do with values outside the metric's range after the transform
     */
    public NabCsvImporter(
            String deviceId,
            MetricDefinition metric,
            double scale,
            double offset,
            OutOfRangePolicy outOfRange) {
        this.deviceId = deviceId;
        this.metric = metric;
        this.scale = scale;
        this.offset = offset;
        this.outOfRange = outOfRange;
    }

    /** Imports a file into a sink (which the caller closes). */
    public ImportResult importFile(Path csv, RecordSink out) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return importFrom(reader, csv.getFileName().toString(), out);
        }
    }

    ImportResult importFrom(BufferedReader reader, String sourceName, RecordSink out)
            throws IOException {
        CsvRows rows = new CsvRows(reader);
        int timestampColumn = rows.column("timestamp");
        int valueColumn = rows.column("value");
        if (timestampColumn < 0 || valueColumn < 0) {
            throw new ImportFormatException(
                    "not a NAB file: expected header 'timestamp,value' but found '"
                            + String.join(",", rows.header())
                            + "'");
        }
        Family family = metric.family();
        long rowCount = 0;
        long written = 0;
        long malformed = 0;
        long outOfRangeCount = 0;
        List<String> row;
        while ((row = rows.next()) != null) {
            rowCount++;
            Long eventTime = parseTimestamp(CsvRows.field(row, timestampColumn));
            Double raw = parseValue(CsvRows.field(row, valueColumn));
            if (eventTime == null || raw == null) {
                malformed++;
                continue;
            }
            double value = raw * scale + offset;
            if (!metric.inRange(value)) {
                outOfRangeCount++;
            }
            Double kept = outOfRange.apply(metric, value);
            if (kept == null) {
                continue;
            }
            TelemetryEvent event =
                    TelemetryEvent.builder(deviceId, family)
                            .eventTime(eventTime)
                            .seq(rowCount)
                            .metric(metric.name(), kept)
                            .attribute("source", "nab:" + sourceName)
                            .build();
            out.send(new SimRecord(deviceId, eventTime, TelemetryJson.toBytes(event)));
            written++;
        }
        return new ImportResult(rowCount, written, malformed, outOfRangeCount);
    }

    private static Long parseTimestamp(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.replace('T', ' '), NAB_TIMESTAMP)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double parseValue(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
