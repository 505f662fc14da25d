package dev.telemetry.job;

import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The single registry of operator uids and names. A uid is part of the state contract: changing one
 * orphans that operator's state in existing checkpoints and savepoints, so uids are only ever
 * added, never renamed. Append new operators (CEP, alerts) at the end of their section.
 */
public enum OperatorIds {
    // Ingest
    TELEMETRY_SOURCE("telemetry-source", "Telemetry source (Kafka)"),
    RECORD_ROUTER("record-router", "Route rejects, mark late readings"),
    DEAD_LETTER_TOPIC_SINK("dead-letter-topic-sink", "Dead letters to Kafka"),
    REJECTED_EVENTS_SINK("rejected-events-sink", "Dead letters to rejected_events"),
    DEDUPLICATOR("deduplicator", "Deduplicate (device, seq)"),
    DUPLICATE_COUNTER("duplicate-counter", "Count duplicates per device and window"),
    DUPLICATE_EVENTS_SINK("duplicate-events-sink", "Duplicate counts to duplicate_events"),
    LATE_EVENT_COUNTER("late-event-counter", "Count late readings per device and window"),
    LATE_EVENTS_SINK("late-events-sink", "Late counts to late_events"),

    // Per-device KPIs
    DEVICE_KPI_WINDOW("device-kpi-window", "Device KPI window"),
    DEVICE_WINDOWS_SINK("device-windows-sink", "Device windows to device_windows"),
    METRIC_KPI_ROWS("metric-kpi-rows", "Device window to metric rows"),
    DEVICE_METRIC_KPIS_SINK("device-metric-kpis-sink", "Metric rows to device_metric_kpis"),

    // Family KPIs
    ENGINE_READINGS("engine-readings", "Engine readings"),
    ENGINE_KPI_WINDOW("engine-kpi-window", "Engine performance and health window"),
    ENGINE_KPIS_SINK("engine-kpis-sink", "Engine KPIs to engine_kpis"),
    ENGINE_FLEET_WINDOW("engine-fleet-window", "Engine fleet roll-up window"),
    ENGINE_FLEET_KPIS_SINK("engine-fleet-kpis-sink", "Engine fleet KPIs to engine_fleet_kpis"),
    FLIGHT_DEVICE_WINDOWS("flight-device-windows", "Aircraft windows"),
    FLIGHT_FLEET_WINDOW("flight-fleet-window", "Flight fleet window"),
    FLIGHT_FLEET_KPIS_SINK("flight-fleet-kpis-sink", "Flight fleet KPIs to flight_fleet_kpis"),
    FLIGHT_REGION_ROWS("flight-region-rows", "Flight fleet to region rows"),
    FLIGHT_REGION_KPIS_SINK("flight-region-kpis-sink", "Region counts to flight_region_kpis"),
    VEHICLE_KPIS("vehicle-kpis", "Vehicle distance, energy, speed, battery"),
    VEHICLE_KPIS_SINK("vehicle-kpis-sink", "Vehicle KPIs to vehicle_kpis"),
    ENERGY_SITE_KPIS("energy-site-kpis", "Energy site energy, peak, temperature, uptime"),
    ENERGY_SITE_KPIS_SINK("energy-site-kpis-sink", "Energy site KPIs to energy_site_kpis"),

    // Rules, CEP and alerts (dev.telemetry.job.cep.AnomalyDetection)
    RULES_SOURCE("rules-source", "Rule updates (Kafka)"),
    NO_RULE_UPDATES("no-rule-updates", "No rule updates (shipped rules only)"),
    RULE_VALIDATOR("rule-validator", "Validate rule updates"),
    RULE_WATERMARKS("rule-watermarks", "Rules idle for event time"),
    REJECTED_RULES_SINK("rejected-rules-sink", "Rejected rules to rejected_rules"),
    RULE_ANNOTATOR("rule-annotator", "Attach rules in force and rolling baselines"),
    ENGINE_DETECTOR_INPUT("engine-detector-input", "Engine readings for CEP"),
    BATTERY_DETECTOR_INPUT("battery-detector-input", "Vehicle and energy readings for CEP"),
    FLIGHT_DETECTOR_INPUT("flight-detector-input", "Flight readings for CEP"),
    CEP_PRESSURE_SPIKE("cep-pressure-spike", "CEP pressure spike"),
    CEP_CHAMBER_TEMPERATURE_RUNAWAY(
            "cep-chamber-temperature-runaway", "CEP chamber temperature runaway"),
    CEP_TURBOPUMP_TEMPERATURE_RUNAWAY(
            "cep-turbopump-temperature-runaway", "CEP turbopump temperature runaway"),
    CEP_FUEL_SYSTEM_FAILURE("cep-fuel-system-failure", "CEP fuel-system failure"),
    CEP_BATTERY_THERMAL_RUNAWAY("cep-battery-thermal-runaway", "CEP battery thermal runaway"),
    CEP_SOC_COLLAPSE("cep-soc-collapse", "CEP state-of-charge collapse"),
    CEP_OVER_POWER("cep-over-power", "CEP over-power"),
    CEP_RAPID_DESCENT("cep-rapid-descent", "CEP rapid descent"),
    CEP_IMPOSSIBLE_JUMP("cep-impossible-jump", "CEP impossible jump"),
    SENSOR_DROPOUT("sensor-dropout", "Sensor dropout (event-time timers)"),
    FROZEN_SENSOR("frozen-sensor", "Frozen sensor"),
    ALERT_LIFECYCLE("alert-lifecycle", "Alert lifecycle state machine"),
    ALERTS_SINK("alerts-sink", "Alerts to alerts"),
    ALERT_EVENTS_SINK("alert-events-sink", "Alert transitions to alert_events");

    private final String uid;
    private final String displayName;

    OperatorIds(String uid, String displayName) {
        this.uid = uid;
        this.displayName = displayName;
    }

    /** The stable uid (never change it once released). */
    public String uid() {
        return uid;
    }

    /** The name shown in the Flink UI and metrics. */
    public String displayName() {
        return displayName;
    }

    /** Sets this entry's uid and name on an operator. */
    public <T> SingleOutputStreamOperator<T> applyTo(SingleOutputStreamOperator<T> operator) {
        return operator.uid(uid).name(displayName);
    }

    /** Sets this entry's uid and name on a sink. */
    public <T> DataStreamSink<T> applyTo(DataStreamSink<T> sink) {
        return sink.uid(uid).name(displayName);
    }
}
