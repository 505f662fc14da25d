-- KPIs of tumbling event-time windows (default 1 minute). NULL means "not computable" (no samples).

CREATE TABLE device_windows (
    device_id        text        NOT NULL,
    window_start     timestamptz NOT NULL,
    window_end       timestamptz NOT NULL,
    family           text        NOT NULL,
    reading_count    bigint      NOT NULL,     -- accepted, unique, on-time readings
    first_event_time timestamptz NOT NULL,
    last_event_time  timestamptz NOT NULL,
    PRIMARY KEY (device_id, window_start)
);
CREATE INDEX device_windows_window_idx ON device_windows (window_start, family);

CREATE TABLE device_metric_kpis (
    device_id    text             NOT NULL,
    window_start timestamptz      NOT NULL,
    metric       text             NOT NULL,    -- catalogue name, e.g. chamber_pressure_bar
    window_end   timestamptz      NOT NULL,
    family       text             NOT NULL,
    unit         text             NOT NULL,
    sample_count bigint           NOT NULL,
    min_value    double precision,
    avg_value    double precision,
    max_value    double precision,
    last_value   double precision,             -- value with the latest event time
    stddev_value double precision,             -- population standard deviation
    PRIMARY KEY (device_id, window_start, metric)
);
CREATE INDEX device_metric_kpis_window_idx ON device_metric_kpis (window_start, family, metric);

CREATE TABLE engine_kpis (
    device_id             text        NOT NULL,
    window_start          timestamptz NOT NULL,
    window_end            timestamptz NOT NULL,
    reading_count         bigint      NOT NULL,
    mainstage_count       bigint      NOT NULL, -- readings in phase 'mainstage'
    performance_score     double precision,    -- mean performance_score over mainstage readings
    min_performance_score double precision,
    health_status         text                 -- NULL: not graded (no mainstage readings)
        CHECK (health_status IN ('EXCELLENT', 'GOOD', 'FAIR', 'NEEDS_ATTENTION')),
    PRIMARY KEY (device_id, window_start)
);
CREATE INDEX engine_kpis_window_idx ON engine_kpis (window_start);

COMMENT ON COLUMN engine_kpis.health_status IS
    'From performance_score: EXCELLENT >= 90, GOOD >= 75, FAIR >= 60, NEEDS_ATTENTION below 60; NULL without mainstage readings (see EngineHealth).';

CREATE TABLE engine_fleet_kpis (
    window_start          timestamptz NOT NULL PRIMARY KEY,
    window_end            timestamptz NOT NULL,
    engine_count          bigint      NOT NULL, -- engines reporting in the window
    avg_performance_score double precision,    -- over graded engines
    min_performance_score double precision,
    max_performance_score double precision,
    excellent_count       bigint      NOT NULL,
    good_count            bigint      NOT NULL,
    fair_count            bigint      NOT NULL,
    needs_attention_count bigint      NOT NULL,
    idle_count            bigint      NOT NULL  -- engines not graded (no mainstage readings)
);

CREATE TABLE flight_fleet_kpis (
    window_start        timestamptz NOT NULL PRIMARY KEY,
    window_end          timestamptz NOT NULL,
    aircraft_count      bigint      NOT NULL,
    with_position_count bigint      NOT NULL,  -- aircraft with at least one valid position
    on_ground_count     bigint      NOT NULL,  -- by the last on_ground flag in the window
    in_air_count        bigint      NOT NULL,
    avg_velocity_ms     double precision,
    max_velocity_ms     double precision
);

CREATE TABLE flight_region_kpis (
    window_start   timestamptz NOT NULL,
    region         text        NOT NULL,       -- FlightRegion id; 'other', 'no_position' included
    window_end     timestamptz NOT NULL,
    aircraft_count bigint      NOT NULL,       -- by last valid position in the window
    PRIMARY KEY (window_start, region)
);

CREATE TABLE vehicle_kpis (
    device_id          text        NOT NULL,
    window_start       timestamptz NOT NULL,
    window_end         timestamptz NOT NULL,
    reading_count      bigint      NOT NULL,
    distance_km        double precision,       -- odometer delta, else speed integral
    energy_kwh         double precision,       -- net battery energy, sum(power_kw) x mean interval
    avg_speed_kmh      double precision,
    max_battery_temp_c double precision,
    PRIMARY KEY (device_id, window_start)
);
CREATE INDEX vehicle_kpis_window_idx ON vehicle_kpis (window_start);

CREATE TABLE energy_site_kpis (
    device_id       text        NOT NULL,
    window_start    timestamptz NOT NULL,
    window_end      timestamptz NOT NULL,
    reading_count   bigint      NOT NULL,
    energy_wh_total double precision,          -- net at the grid connection, discharge positive
    solar_energy_wh double precision,
    peak_power_w    double precision,
    avg_temp_c      double precision,
    uptime_percent  double precision,          -- readings received / expected x 100, capped at 100
    PRIMARY KEY (device_id, window_start)
);
CREATE INDEX energy_site_kpis_window_idx ON energy_site_kpis (window_start);
