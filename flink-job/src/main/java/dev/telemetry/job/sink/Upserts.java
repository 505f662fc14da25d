package dev.telemetry.job.sink;

import static dev.telemetry.job.sink.SqlValues.number;
import static dev.telemetry.job.sink.SqlValues.text;
import static dev.telemetry.job.sink.SqlValues.timestamp;
import static dev.telemetry.job.sink.SqlValues.timestampOrNull;

import dev.telemetry.job.kpi.DeviceWindowKpi;
import dev.telemetry.job.kpi.EnergySiteKpi;
import dev.telemetry.job.kpi.EngineFleetKpi;
import dev.telemetry.job.kpi.EngineKpi;
import dev.telemetry.job.kpi.FlightFleetKpi;
import dev.telemetry.job.kpi.FlightRegionCount;
import dev.telemetry.job.kpi.MetricKpiRow;
import dev.telemetry.job.kpi.VehicleKpi;
import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.model.DeviceWindowCount;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The idempotent upsert statements, one per table: {@code INSERT ... ON CONFLICT (natural key) DO
 * UPDATE}. Every value written is a function of the input, so replays and restarts converge on the
 * same rows; the only wall-clock column, {@code rejected_events.ingested_at}, keeps its first
 * value.
 */
public final class Upserts {

    private Upserts() {}

    /** A table's statement and how to bind one element to it. */
    public record Upsert<T>(String sql, JdbcStatementBuilder<T> binder) {

        private static final Pattern TABLE = Pattern.compile("^\\s*INSERT INTO\\s+(\\w+)");

        /** The table the statement writes, for logs. */
        public String table() {
            Matcher matcher = TABLE.matcher(sql);
            return matcher.find() ? matcher.group(1) : sql;
        }
    }

    /**
     * {@code rejected_events}, keyed by source coordinates. The window is that of the Kafka record
     * timestamp (of the ingest time for the rare record without one).
     */
    public static Upsert<DeadLetter> rejectedEvents(long windowSizeMillis) {
        return new Upsert<>(
                """
                INSERT INTO rejected_events (source_topic, source_partition, source_offset,
                    record_time, window_start, window_end, family, device_id, reason, detail,
                    record_key, payload, payload_size, payload_truncated, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_topic, source_partition, source_offset) DO UPDATE SET
                    record_time = EXCLUDED.record_time, window_start = EXCLUDED.window_start,
                    window_end = EXCLUDED.window_end, family = EXCLUDED.family,
                    device_id = EXCLUDED.device_id, reason = EXCLUDED.reason,
                    detail = EXCLUDED.detail, record_key = EXCLUDED.record_key,
                    payload = EXCLUDED.payload, payload_size = EXCLUDED.payload_size,
                    payload_truncated = EXCLUDED.payload_truncated
                """,
                (ps, d) -> {
                    long time = d.recordTimestamp >= 0 ? d.recordTimestamp : d.ingestTime;
                    long windowStart =
                            TimeWindow.getWindowStartWithOffset(time, 0, windowSizeMillis);
                    text(ps, 1, d.sourceTopic);
                    ps.setInt(2, d.sourcePartition);
                    ps.setLong(3, d.sourceOffset);
                    timestampOrNull(ps, 4, d.recordTimestamp);
                    timestamp(ps, 5, windowStart);
                    timestamp(ps, 6, windowStart + windowSizeMillis);
                    text(ps, 7, d.family);
                    text(ps, 8, d.deviceId);
                    text(ps, 9, d.reason.name());
                    text(ps, 10, d.detail);
                    text(ps, 11, d.recordKey);
                    ps.setBytes(12, d.payload);
                    ps.setInt(13, d.payloadSize);
                    ps.setBoolean(14, d.payloadTruncated());
                    timestamp(ps, 15, d.ingestTime);
                });
    }

    /**
     * {@code late_events}: counts only grow ({@code GREATEST}), see {@code DeviceWindowCounter}.
     */
    public static Upsert<DeviceWindowCount> lateEvents() {
        return deviceWindowCount("late_events", "late_count");
    }

    /** {@code duplicate_events}: counts only grow, like {@link #lateEvents()}. */
    public static Upsert<DeviceWindowCount> duplicateEvents() {
        return deviceWindowCount("duplicate_events", "duplicate_count");
    }

    private static Upsert<DeviceWindowCount> deviceWindowCount(String table, String column) {
        return new Upsert<>(
                "INSERT INTO "
                        + table
                        + " (device_id, window_start, window_end, family, "
                        + column
                        + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, window_start) DO"
                        + " UPDATE SET window_end = EXCLUDED.window_end, family ="
                        + " EXCLUDED.family, "
                        + column
                        + " = GREATEST("
                        + table
                        + "."
                        + column
                        + ", EXCLUDED."
                        + column
                        + ")",
                (ps, c) -> {
                    text(ps, 1, c.deviceId());
                    timestamp(ps, 2, c.windowStart());
                    timestamp(ps, 3, c.windowEnd());
                    text(ps, 4, c.family());
                    ps.setLong(5, c.count());
                });
    }

    /** {@code device_windows}. */
    public static Upsert<DeviceWindowKpi> deviceWindows() {
        return new Upsert<>(
                """
                INSERT INTO device_windows (device_id, window_start, window_end, family,
                    reading_count, first_event_time, last_event_time, last_lat, last_lon,
                    last_position_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, window_start) DO UPDATE SET
                    window_end = EXCLUDED.window_end, family = EXCLUDED.family,
                    reading_count = EXCLUDED.reading_count,
                    first_event_time = EXCLUDED.first_event_time,
                    last_event_time = EXCLUDED.last_event_time,
                    last_lat = EXCLUDED.last_lat, last_lon = EXCLUDED.last_lon,
                    last_position_time = EXCLUDED.last_position_time
                """,
                (ps, k) -> {
                    text(ps, 1, k.deviceId);
                    timestamp(ps, 2, k.windowStart);
                    timestamp(ps, 3, k.windowEnd);
                    text(ps, 4, k.family.id());
                    ps.setLong(5, k.stats.readingCount);
                    timestamp(ps, 6, k.stats.firstEventTime);
                    timestamp(ps, 7, k.stats.lastEventTime);
                    boolean positioned = k.stats.positionCount > 0;
                    number(ps, 8, positioned ? k.stats.lastLat : Double.NaN);
                    number(ps, 9, positioned ? k.stats.lastLon : Double.NaN);
                    timestampOrNull(ps, 10, positioned ? k.stats.lastPositionTime : Long.MIN_VALUE);
                });
    }

    /** {@code device_metric_kpis}. */
    public static Upsert<MetricKpiRow> deviceMetricKpis() {
        return new Upsert<>(
                """
                INSERT INTO device_metric_kpis (device_id, window_start, metric, window_end,
                    family, unit, sample_count, min_value, avg_value, max_value, last_value,
                    stddev_value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, window_start, metric) DO UPDATE SET
                    window_end = EXCLUDED.window_end, family = EXCLUDED.family,
                    unit = EXCLUDED.unit, sample_count = EXCLUDED.sample_count,
                    min_value = EXCLUDED.min_value, avg_value = EXCLUDED.avg_value,
                    max_value = EXCLUDED.max_value, last_value = EXCLUDED.last_value,
                    stddev_value = EXCLUDED.stddev_value
                """,
                (ps, r) -> {
                    text(ps, 1, r.deviceId());
                    timestamp(ps, 2, r.windowStart());
                    text(ps, 3, r.metric());
                    timestamp(ps, 4, r.windowEnd());
                    text(ps, 5, r.family());
                    text(ps, 6, r.unit());
                    ps.setLong(7, r.sampleCount());
                    number(ps, 8, r.min());
                    number(ps, 9, r.avg());
                    number(ps, 10, r.max());
                    number(ps, 11, r.last());
                    number(ps, 12, r.stddev());
                });
    }

    /** {@code engine_kpis}. */
    public static Upsert<EngineKpi> engineKpis() {
        return new Upsert<>(
                """
                INSERT INTO engine_kpis (device_id, window_start, window_end, reading_count,
                    mainstage_count, performance_score, min_performance_score, health_status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, window_start) DO UPDATE SET
                    window_end = EXCLUDED.window_end, reading_count = EXCLUDED.reading_count,
                    mainstage_count = EXCLUDED.mainstage_count,
                    performance_score = EXCLUDED.performance_score,
                    min_performance_score = EXCLUDED.min_performance_score,
                    health_status = EXCLUDED.health_status
                """,
                (ps, k) -> {
                    text(ps, 1, k.deviceId());
                    timestamp(ps, 2, k.windowStart());
                    timestamp(ps, 3, k.windowEnd());
                    ps.setLong(4, k.readingCount());
                    ps.setLong(5, k.mainstageCount());
                    number(ps, 6, k.performanceScore());
                    number(ps, 7, k.minPerformanceScore());
                    if (k.health() == null) {
                        ps.setNull(8, java.sql.Types.VARCHAR);
                    } else {
                        text(ps, 8, k.health().name());
                    }
                });
    }

    /** {@code engine_fleet_kpis}. */
    public static Upsert<EngineFleetKpi> engineFleetKpis() {
        return new Upsert<>(
                """
                INSERT INTO engine_fleet_kpis (window_start, window_end, engine_count,
                    avg_performance_score, min_performance_score, max_performance_score,
                    excellent_count, good_count, fair_count, needs_attention_count, idle_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (window_start) DO UPDATE SET
                    window_end = EXCLUDED.window_end, engine_count = EXCLUDED.engine_count,
                    avg_performance_score = EXCLUDED.avg_performance_score,
                    min_performance_score = EXCLUDED.min_performance_score,
                    max_performance_score = EXCLUDED.max_performance_score,
                    excellent_count = EXCLUDED.excellent_count,
                    good_count = EXCLUDED.good_count, fair_count = EXCLUDED.fair_count,
                    needs_attention_count = EXCLUDED.needs_attention_count,
                    idle_count = EXCLUDED.idle_count
                """,
                (ps, k) -> {
                    timestamp(ps, 1, k.windowStart());
                    timestamp(ps, 2, k.windowEnd());
                    ps.setLong(3, k.engineCount());
                    number(ps, 4, k.avgPerformanceScore());
                    number(ps, 5, k.minPerformanceScore());
                    number(ps, 6, k.maxPerformanceScore());
                    ps.setLong(7, k.excellentCount());
                    ps.setLong(8, k.goodCount());
                    ps.setLong(9, k.fairCount());
                    ps.setLong(10, k.needsAttentionCount());
                    ps.setLong(11, k.idleCount());
                });
    }

    /** {@code flight_fleet_kpis}. */
    public static Upsert<FlightFleetKpi> flightFleetKpis() {
        return new Upsert<>(
                """
                INSERT INTO flight_fleet_kpis (window_start, window_end, aircraft_count,
                    with_position_count, on_ground_count, in_air_count, avg_velocity_ms,
                    max_velocity_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (window_start) DO UPDATE SET
                    window_end = EXCLUDED.window_end, aircraft_count = EXCLUDED.aircraft_count,
                    with_position_count = EXCLUDED.with_position_count,
                    on_ground_count = EXCLUDED.on_ground_count,
                    in_air_count = EXCLUDED.in_air_count,
                    avg_velocity_ms = EXCLUDED.avg_velocity_ms,
                    max_velocity_ms = EXCLUDED.max_velocity_ms
                """,
                (ps, k) -> {
                    timestamp(ps, 1, k.windowStart());
                    timestamp(ps, 2, k.windowEnd());
                    ps.setLong(3, k.aircraftCount());
                    ps.setLong(4, k.withPositionCount());
                    ps.setLong(5, k.onGroundCount());
                    ps.setLong(6, k.inAirCount());
                    number(ps, 7, k.avgVelocityMs());
                    number(ps, 8, k.maxVelocityMs());
                });
    }

    /** {@code flight_region_kpis}. */
    public static Upsert<FlightRegionCount> flightRegionKpis() {
        return new Upsert<>(
                """
                INSERT INTO flight_region_kpis (window_start, region, window_end, aircraft_count)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (window_start, region) DO UPDATE SET
                    window_end = EXCLUDED.window_end, aircraft_count = EXCLUDED.aircraft_count
                """,
                (ps, k) -> {
                    timestamp(ps, 1, k.windowStart());
                    text(ps, 2, k.region());
                    timestamp(ps, 3, k.windowEnd());
                    ps.setLong(4, k.aircraftCount());
                });
    }

    /** {@code vehicle_kpis}. */
    public static Upsert<VehicleKpi> vehicleKpis() {
        return new Upsert<>(
                """
                INSERT INTO vehicle_kpis (device_id, window_start, window_end, reading_count,
                    distance_km, energy_kwh, avg_speed_kmh, max_battery_temp_c)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, window_start) DO UPDATE SET
                    window_end = EXCLUDED.window_end, reading_count = EXCLUDED.reading_count,
                    distance_km = EXCLUDED.distance_km, energy_kwh = EXCLUDED.energy_kwh,
                    avg_speed_kmh = EXCLUDED.avg_speed_kmh,
                    max_battery_temp_c = EXCLUDED.max_battery_temp_c
                """,
                (ps, k) -> {
                    text(ps, 1, k.deviceId());
                    timestamp(ps, 2, k.windowStart());
                    timestamp(ps, 3, k.windowEnd());
                    ps.setLong(4, k.readingCount());
                    number(ps, 5, k.distanceKm());
                    number(ps, 6, k.energyKwh());
                    number(ps, 7, k.avgSpeedKmh());
                    number(ps, 8, k.maxBatteryTempC());
                });
    }

    /** {@code energy_site_kpis}. */
    public static Upsert<EnergySiteKpi> energySiteKpis() {
        return new Upsert<>(
                """
                INSERT INTO energy_site_kpis (device_id, window_start, window_end, reading_count,
                    energy_wh_total, solar_energy_wh, peak_power_w, avg_temp_c, uptime_percent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, window_start) DO UPDATE SET
                    window_end = EXCLUDED.window_end, reading_count = EXCLUDED.reading_count,
                    energy_wh_total = EXCLUDED.energy_wh_total,
                    solar_energy_wh = EXCLUDED.solar_energy_wh,
                    peak_power_w = EXCLUDED.peak_power_w, avg_temp_c = EXCLUDED.avg_temp_c,
                    uptime_percent = EXCLUDED.uptime_percent
                """,
                (ps, k) -> {
                    text(ps, 1, k.deviceId());
                    timestamp(ps, 2, k.windowStart());
                    timestamp(ps, 3, k.windowEnd());
                    ps.setLong(4, k.readingCount());
                    number(ps, 5, k.energyWhTotal());
                    number(ps, 6, k.solarEnergyWh());
                    number(ps, 7, k.peakPowerW());
                    number(ps, 8, k.avgTempC());
                    number(ps, 9, k.uptimePercent());
                });
    }
}
