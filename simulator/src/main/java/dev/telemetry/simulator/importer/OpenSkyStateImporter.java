package dev.telemetry.simulator.importer;

import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps OpenSky Network state vectors in the CSV layout of its historical data ({@code
 * time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,
 * geoaltitude,lastposupdate,lastcontact}, columns found by name) onto flight events: the ICAO
 * 24-bit address is the device id, {@code time} (epoch seconds) the event time, the row's position
 * in the aircraft's own sequence its {@code seq}. Absent values leave their metric (or the
 * position) out. The phase is derived: on ground → {@code taxi}, climbing faster than 2 m/s →
 * {@code climb}, descending faster than 2 m/s → {@code descent}, otherwise {@code cruise}. Rows are
 * kept in file order.
 */
public final class OpenSkyStateImporter {

    /** Vertical rate (m/s) beyond which an airborne aircraft counts as climbing or descending. */
    static final double LEVEL_FLIGHT_TOLERANCE_MS = 2.0;

    private static final String CALLSIGN_ATTRIBUTE = "callsign";

    private final OutOfRangePolicy outOfRange;

    public OpenSkyStateImporter(OutOfRangePolicy outOfRange) {
        this.outOfRange = outOfRange;
    }

    /** Imports a file into a sink (which the caller closes). */
    public ImportResult importFile(Path csv, RecordSink out) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
            return importFrom(reader, out);
        }
    }

    ImportResult importFrom(BufferedReader reader, RecordSink out) throws IOException {
        Columns columns = new Columns(new CsvRows(reader));
        Map<String, Long> seqByDevice = new HashMap<>();
        long rowCount = 0;
        long written = 0;
        long malformed = 0;
        long outOfRangeCount = 0;
        List<String> row;
        while ((row = columns.rows.next()) != null) {
            rowCount++;
            String icao24 = lowerCase(CsvRows.field(row, columns.icao24));
            Double time = number(CsvRows.field(row, columns.time));
            if (icao24 == null
                    || icao24.length() > EventValidator.MAX_DEVICE_ID_LENGTH
                    || !EventValidator.DEVICE_ID_PATTERN.matcher(icao24).matches()
                    || time == null) {
                malformed++;
                continue;
            }
            long eventTime = Math.round(time * 1000);
            Boolean onGround = flag(CsvRows.field(row, columns.onGround));
            Double verticalRate = number(CsvRows.field(row, columns.verticalRate));

            TelemetryEvent.Builder event =
                    TelemetryEvent.builder(icao24, Family.FLIGHT)
                            .eventTime(eventTime)
                            .phase(phase(onGround, verticalRate));
            Map<String, Double> values = new HashMap<>();
            values.put(Metrics.BARO_ALTITUDE_M, number(CsvRows.field(row, columns.baroAltitude)));
            values.put(Metrics.VELOCITY_MS, number(CsvRows.field(row, columns.velocity)));
            values.put(Metrics.HEADING_DEG, number(CsvRows.field(row, columns.heading)));
            values.put(Metrics.VERTICAL_RATE_MS, verticalRate);
            values.put(Metrics.ON_GROUND, onGround == null ? null : onGround ? 1.0 : 0.0);
            boolean rangeViolation = false;
            boolean skip = false;
            int metricCount = 0;
            for (MetricDefinition metric : Metrics.of(Family.FLIGHT)) {
                Double value = values.get(metric.name());
                if (value == null) {
                    continue;
                }
                rangeViolation |= !metric.inRange(value);
                Double kept = outOfRange.apply(metric, value);
                if (kept == null) {
                    skip = true;
                    break;
                }
                event.metric(metric.name(), kept);
                metricCount++;
            }
            if (rangeViolation) {
                outOfRangeCount++;
            }
            if (skip) {
                continue;
            }
            if (metricCount == 0) {
                // An event must carry at least one metric.
                malformed++;
                continue;
            }
            Double lat = number(CsvRows.field(row, columns.lat));
            Double lon = number(CsvRows.field(row, columns.lon));
            if (lat != null && lon != null) {
                event.position(lat, lon);
            }
            String callsign = CsvRows.field(row, columns.callsign);
            if (callsign != null) {
                event.attribute(CALLSIGN_ATTRIBUTE, callsign);
            }
            long seq = seqByDevice.merge(icao24, 1L, Long::sum);
            byte[] payload = TelemetryJson.toBytes(event.seq(seq).build());
            out.send(new SimRecord(icao24, eventTime, payload));
            written++;
        }
        return new ImportResult(rowCount, written, malformed, outOfRangeCount);
    }

    /** The flight phase a state vector implies. */
    static String phase(Boolean onGround, Double verticalRate) {
        if (Boolean.TRUE.equals(onGround)) {
            return "taxi";
        }
        if (verticalRate != null && verticalRate > LEVEL_FLIGHT_TOLERANCE_MS) {
            return "climb";
        }
        if (verticalRate != null && verticalRate < -LEVEL_FLIGHT_TOLERANCE_MS) {
            return "descent";
        }
        return "cruise";
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** A finite number, or null for empty, {@code NaN}, {@code null} or unparseable text. */
    private static Double number(String text) {
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

    private static Boolean flag(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "t" -> Boolean.TRUE;
            case "false", "0", "f" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Column indices, looked up by name so column order does not matter. */
    private static final class Columns {
        final CsvRows rows;
        final int time;
        final int icao24;
        final int lat;
        final int lon;
        final int velocity;
        final int heading;
        final int verticalRate;
        final int callsign;
        final int onGround;
        final int baroAltitude;

        Columns(CsvRows rows) throws ImportFormatException {
            this.rows = rows;
            time = rows.column("time");
            icao24 = rows.column("icao24");
            if (time < 0 || icao24 < 0) {
                throw new ImportFormatException(
                        "not an OpenSky state vector file: the header needs 'time' and 'icao24'"
                                + " but is '"
                                + String.join(",", rows.header())
                                + "'");
            }
            lat = rows.column("lat");
            lon = rows.column("lon");
            velocity = rows.column("velocity");
            heading = rows.column("heading");
            verticalRate = rows.column("vertrate");
            callsign = rows.column("callsign");
            onGround = rows.column("onground");
            baroAltitude = rows.column("baroaltitude");
        }
    }
}
