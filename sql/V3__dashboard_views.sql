-- Views that keep dashboard SQL simple. Filter on window_start; the planner pushes the filter
-- into every branch, so the window indexes are used.

-- Data quality per family and window. Every record lands in exactly one of accepted, rejected,
-- duplicates or late; success_rate = accepted / total.
CREATE VIEW data_quality AS
SELECT family,
       window_start,
       max(window_end)                                   AS window_end,
       sum(accepted)::bigint                             AS accepted,
       sum(rejected)::bigint                             AS rejected,
       sum(duplicates)::bigint                           AS duplicates,
       sum(late)::bigint                                 AS late,
       sum(accepted + rejected + duplicates + late)::bigint AS total,
       sum(accepted)::double precision
           / nullif(sum(accepted + rejected + duplicates + late), 0) AS success_rate
FROM (
    SELECT family, window_start, window_end, reading_count AS accepted,
           0::bigint AS rejected, 0::bigint AS duplicates, 0::bigint AS late
    FROM device_windows
    UNION ALL
    SELECT family, window_start, window_end, 0, 1, 0, 0
    FROM rejected_events
    UNION ALL
    SELECT family, window_start, window_end, 0, 0, duplicate_count, 0
    FROM duplicate_events
    UNION ALL
    SELECT family, window_start, window_end, 0, 0, 0, late_count
    FROM late_events
) AS outcomes
GROUP BY family, window_start;

COMMENT ON VIEW data_quality IS
    'Accepted, rejected, duplicate and late records per family and window; rejected records without a known family count under ''unknown'', in the window of their Kafka timestamp.';

-- Rejected records per family, window and reason.
CREATE VIEW data_quality_rejections AS
SELECT family, window_start, max(window_end) AS window_end, reason, count(*) AS rejected
FROM rejected_events
GROUP BY family, window_start, reason;

-- Rejected records with a printable payload (bytea escape format) for tables in dashboards.
CREATE VIEW rejected_event_details AS
SELECT source_topic, source_partition, source_offset, record_time, window_start, family,
       device_id, reason, detail, record_key, payload_size, payload_truncated,
       encode(payload, 'escape') AS payload_text, ingested_at
FROM rejected_events;

-- Per-metric KPIs shaped for Grafana time-series panels: a "time" column and a series name.
CREATE VIEW device_metric_series AS
SELECT window_start AS "time", device_id, family, metric, unit, sample_count,
       min_value, avg_value, max_value, last_value, stddev_value,
       device_id || ' ' || metric AS series
FROM device_metric_kpis;

-- Energy sites with their alert count. anomaly_count is NULL until the alerts migration (V10+)
-- replaces this view with one that counts alerts per site and window from the alerts table.
CREATE VIEW energy_site_kpi_view AS
SELECT device_id, window_start, window_end, reading_count, energy_wh_total, solar_energy_wh,
       peak_power_w, avg_temp_c, uptime_percent,
       NULL::bigint AS anomaly_count
FROM energy_site_kpis;

COMMENT ON COLUMN energy_site_kpi_view.anomaly_count IS
    'Alerts for the site in the window; NULL until the alerts schema (V10+) redefines this view.';
