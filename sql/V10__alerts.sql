-- Alerts raised by the job's detectors (CEP patterns, dropout, frozen sensors) and their history.
-- Every column the job writes is an event time or a function of the input, so replaying a recording
-- writes identical rows. Operators acknowledge alerts with ack_alert(); the job's upsert never
-- touches the acknowledgement columns.

CREATE TABLE alerts (
    alert_id          uuid             PRIMARY KEY,   -- name-based UUID of (device, type, onset)
    device_id         text             NOT NULL,
    family            text             NOT NULL,
    anomaly_type      text             NOT NULL,      -- dev.telemetry.model.label.AnomalyType
    state             text             NOT NULL CHECK (state IN ('OPEN', 'UPDATED', 'RESOLVED')),
    severity          text             NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    onset             timestamptz      NOT NULL,      -- event time of the first firing
    last_firing       timestamptz      NOT NULL,      -- event time of the latest firing
    resolved_at       timestamptz,                    -- event time of resolution
    resolution        text             CHECK (resolution IN ('CLEARED', 'TIMEOUT')),
    fire_count        integer          NOT NULL,
    peak_value        double precision,               -- most extreme observed value
    metric            text             NOT NULL,      -- what was measured (catalogue name or derived)
    observed_value    double precision,               -- at the latest firing
    threshold         double precision,               -- the rule's threshold at the latest firing
    phase             text             NOT NULL,      -- operating phase at the latest firing
    explanation       text             NOT NULL,
    last_event_seq    integer          NOT NULL,      -- alert_events.event_seq this row reflects
    acknowledged_at   timestamptz,                    -- set by ack_alert() only
    acknowledged_by   text,
    ack_note          text
);
CREATE INDEX alerts_active_idx ON alerts (state, severity, onset) WHERE state <> 'RESOLVED';
CREATE INDEX alerts_device_idx ON alerts (device_id, onset);
CREATE INDEX alerts_type_idx ON alerts (anomaly_type, onset);

COMMENT ON TABLE alerts IS
    'Current state of each alert, upserted by the job (newest event_seq wins); acknowledgements via ack_alert().';

CREATE TABLE alert_events (
    alert_id        uuid             NOT NULL,
    event_seq       integer          NOT NULL,        -- 0 = OPEN, then 1, 2, ... per transition
    state           text             NOT NULL CHECK (state IN ('OPEN', 'UPDATED', 'RESOLVED')),
    event_time      timestamptz      NOT NULL,        -- event time of the transition
    device_id       text             NOT NULL,
    anomaly_type    text             NOT NULL,
    severity        text             NOT NULL,
    fire_count      integer          NOT NULL,
    peak_value      double precision,
    observed_value  double precision,
    threshold       double precision,
    phase           text             NOT NULL,
    resolution      text,
    explanation     text             NOT NULL,
    PRIMARY KEY (alert_id, event_seq)
);
CREATE INDEX alert_events_time_idx ON alert_events (event_time);

COMMENT ON TABLE alert_events IS
    'Append-only history of alert transitions; replays insert nothing new (ON CONFLICT DO NOTHING).';

-- Rule updates from the rules topic that were refused; the previous rule stayed in force.
CREATE TABLE rejected_rules (
    payload_hash text        PRIMARY KEY,            -- SHA-256 of the payload: recorded once
    payload      text        NOT NULL,
    reason       text        NOT NULL,
    received_at  timestamptz                          -- Kafka record timestamp, if any
);

COMMENT ON TABLE rejected_rules IS
    'Invalid rule updates with the reason they were refused.';

-- Acknowledge an alert. Returns true if this call acknowledged it, false if it was acknowledged
-- before (the first acknowledgement is kept). Raises an error for an unknown alert id.
CREATE FUNCTION ack_alert(p_alert_id uuid, p_who text, p_note text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    updated integer;
BEGIN
    IF p_who IS NULL OR btrim(p_who) = '' THEN
        RAISE EXCEPTION 'ack_alert: who must not be empty';
    END IF;
    UPDATE alerts
       SET acknowledged_at = now(), acknowledged_by = p_who, ack_note = p_note
     WHERE alert_id = p_alert_id AND acknowledged_at IS NULL;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated = 1 THEN
        RETURN true;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM alerts WHERE alert_id = p_alert_id) THEN
        RAISE EXCEPTION 'ack_alert: no alert %', p_alert_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN false;
END
$$;

COMMENT ON FUNCTION ack_alert(uuid, text, text) IS
    'Acknowledges an alert once (true), or reports it was already acknowledged (false).';
