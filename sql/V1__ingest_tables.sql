-- Records the job rejected, and per device and window the readings that arrived late or twice.
-- Written by the Flink job with idempotent upserts keyed by natural keys; replays converge on the same rows.

CREATE TABLE rejected_events (
    source_topic      text        NOT NULL,
    source_partition  integer     NOT NULL,
    source_offset     bigint      NOT NULL,
    record_time       timestamptz,             -- Kafka record timestamp; NULL if the record had none
    window_start      timestamptz NOT NULL,    -- data-quality window of record_time
    window_end        timestamptz NOT NULL,
    family            text        NOT NULL,    -- 'unknown' when the payload named no known family
    device_id         text        NOT NULL,    -- '' when the payload had no readable device id
    reason            text        NOT NULL,    -- dev.telemetry.model.RejectReason
    detail            text        NOT NULL,
    record_key        text        NOT NULL,    -- Kafka key as text ('' if none)
    payload           bytea       NOT NULL,    -- first bytes of the payload (capped)
    payload_size      integer     NOT NULL,    -- original payload size in bytes
    payload_truncated boolean     NOT NULL,
    ingested_at       timestamptz NOT NULL,    -- wall clock of the first ingestion; informational
    PRIMARY KEY (source_topic, source_partition, source_offset)
);
CREATE INDEX rejected_events_window_idx ON rejected_events (window_start, family, reason);
CREATE INDEX rejected_events_device_idx ON rejected_events (device_id, window_start);

COMMENT ON TABLE rejected_events IS
    'One row per rejected Kafka record (also on the dead-letter topic), keyed by its source coordinates.';

CREATE TABLE late_events (
    device_id    text        NOT NULL,
    window_start timestamptz NOT NULL,         -- event-time window the readings belonged to
    window_end   timestamptz NOT NULL,
    family       text        NOT NULL,
    late_count   bigint      NOT NULL,
    PRIMARY KEY (device_id, window_start)
);
CREATE INDEX late_events_window_idx ON late_events (window_start, family);

COMMENT ON TABLE late_events IS
    'Valid, unique readings that arrived after their window closed (beyond allowed lateness), per device and window.';

CREATE TABLE duplicate_events (
    device_id       text        NOT NULL,
    window_start    timestamptz NOT NULL,      -- event-time window of the duplicate readings
    window_end      timestamptz NOT NULL,
    family          text        NOT NULL,
    duplicate_count bigint      NOT NULL,
    PRIMARY KEY (device_id, window_start)
);
CREATE INDEX duplicate_events_window_idx ON duplicate_events (window_start, family);

COMMENT ON TABLE duplicate_events IS
    'Readings dropped as repeats of an earlier (device_id, seq), per device and window.';
