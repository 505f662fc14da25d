-- The last valid position a device reported in a window, for maps (flights, vehicles).
-- NULL when the window had no reading with a valid position.

ALTER TABLE device_windows
    ADD COLUMN last_lat           double precision,
    ADD COLUMN last_lon           double precision,
    ADD COLUMN last_position_time timestamptz;

COMMENT ON COLUMN device_windows.last_lat IS 'Latitude of the latest valid position in the window (WGS84), NULL without one';
COMMENT ON COLUMN device_windows.last_lon IS 'Longitude of the latest valid position in the window (WGS84), NULL without one';
COMMENT ON COLUMN device_windows.last_position_time IS 'Event time of that position';
