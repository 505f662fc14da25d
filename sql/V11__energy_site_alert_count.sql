-- The energy site KPI view counts the alerts raised for the site in each window (by onset).
CREATE OR REPLACE VIEW energy_site_kpi_view AS
SELECT k.device_id, k.window_start, k.window_end, k.reading_count, k.energy_wh_total,
       k.solar_energy_wh, k.peak_power_w, k.avg_temp_c, k.uptime_percent,
       (SELECT count(*)
          FROM alerts a
         WHERE a.device_id = k.device_id
           AND a.onset >= k.window_start
           AND a.onset < k.window_end)::bigint AS anomaly_count
FROM energy_site_kpis k;

COMMENT ON COLUMN energy_site_kpi_view.anomaly_count IS
    'Alerts for the site whose onset lies in the window.';
