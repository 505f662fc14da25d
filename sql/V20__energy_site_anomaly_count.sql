-- Energy sites with the number of alerts raised for the site in each KPI window. V3 defined this
-- view with anomaly_count NULL until the alerts table existed; V10 created it, so count now. The
-- columns keep their names, types and order, so the grants and the dashboards are unaffected.
CREATE OR REPLACE VIEW energy_site_kpi_view AS
SELECT k.device_id, k.window_start, k.window_end, k.reading_count, k.energy_wh_total,
       k.solar_energy_wh, k.peak_power_w, k.avg_temp_c, k.uptime_percent,
       (SELECT count(*)
          FROM alerts a
         WHERE a.device_id = k.device_id
           AND a.onset >= k.window_start
           AND a.onset < k.window_end) AS anomaly_count
FROM energy_site_kpis k;

COMMENT ON COLUMN energy_site_kpi_view.anomaly_count IS
    'Alerts of the site (any type, severity and state) whose onset falls in the window.';
