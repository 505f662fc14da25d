package dev.telemetry.job;

import dev.telemetry.job.alert.AlertEvent;
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
import dev.telemetry.job.rules.RuleRejection;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The named sink slots of the topology. Production fills them from {@code
 * dev.telemetry.job.sink.TelemetrySinks}; tests may fill any subset (unset slots discard), so the
 * same topology runs in both. To add a sink (e.g. alerts), add a slot here, its production sink in
 * {@code TelemetrySinks}, and an {@link OperatorIds} entry.
 */
public final class PipelineSinks {

    final Sink<DeadLetter> deadLetterTopic;
    final Sink<DeadLetter> rejectedEvents;
    final Sink<DeviceWindowCount> lateEvents;
    final Sink<DeviceWindowCount> duplicateEvents;
    final Sink<DeviceWindowKpi> deviceWindows;
    final Sink<MetricKpiRow> deviceMetricKpis;
    final Sink<EngineKpi> engineKpis;
    final Sink<EngineFleetKpi> engineFleetKpis;
    final Sink<FlightFleetKpi> flightFleetKpis;
    final Sink<FlightRegionCount> flightRegionKpis;
    final Sink<VehicleKpi> vehicleKpis;
    final Sink<EnergySiteKpi> energySiteKpis;
    final Sink<AlertEvent> alerts;
    final Sink<AlertEvent> alertEvents;
    final Sink<RuleRejection> rejectedRules;

    private PipelineSinks(Builder b) {
        deadLetterTopic = orDiscard(b.deadLetterTopic);
        rejectedEvents = orDiscard(b.rejectedEvents);
        lateEvents = orDiscard(b.lateEvents);
        duplicateEvents = orDiscard(b.duplicateEvents);
        deviceWindows = orDiscard(b.deviceWindows);
        deviceMetricKpis = orDiscard(b.deviceMetricKpis);
        engineKpis = orDiscard(b.engineKpis);
        engineFleetKpis = orDiscard(b.engineFleetKpis);
        flightFleetKpis = orDiscard(b.flightFleetKpis);
        flightRegionKpis = orDiscard(b.flightRegionKpis);
        vehicleKpis = orDiscard(b.vehicleKpis);
        energySiteKpis = orDiscard(b.energySiteKpis);
        alerts = orDiscard(b.alerts);
        alertEvents = orDiscard(b.alertEvents);
        rejectedRules = orDiscard(b.rejectedRules);
    }

    private static <T> Sink<T> orDiscard(Sink<T> sink) {
        return sink != null ? sink : new DiscardingSink<>();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fills the slots; each setter names the table or topic its sink writes. */
    public static final class Builder {
        private Sink<DeadLetter> deadLetterTopic;
        private Sink<DeadLetter> rejectedEvents;
        private Sink<DeviceWindowCount> lateEvents;
        private Sink<DeviceWindowCount> duplicateEvents;
        private Sink<DeviceWindowKpi> deviceWindows;
        private Sink<MetricKpiRow> deviceMetricKpis;
        private Sink<EngineKpi> engineKpis;
        private Sink<EngineFleetKpi> engineFleetKpis;
        private Sink<FlightFleetKpi> flightFleetKpis;
        private Sink<FlightRegionCount> flightRegionKpis;
        private Sink<VehicleKpi> vehicleKpis;
        private Sink<EnergySiteKpi> energySiteKpis;
        private Sink<AlertEvent> alerts;
        private Sink<AlertEvent> alertEvents;
        private Sink<RuleRejection> rejectedRules;

        private Builder() {}

        /** Dead-letter topic. */
        public Builder deadLetterTopic(Sink<DeadLetter> sink) {
            this.deadLetterTopic = sink;
            return this;
        }

        /** {@code rejected_events}. */
        public Builder rejectedEvents(Sink<DeadLetter> sink) {
            this.rejectedEvents = sink;
            return this;
        }

        /** {@code late_events}. */
        public Builder lateEvents(Sink<DeviceWindowCount> sink) {
            this.lateEvents = sink;
            return this;
        }

        /** {@code duplicate_events}. */
        public Builder duplicateEvents(Sink<DeviceWindowCount> sink) {
            this.duplicateEvents = sink;
            return this;
        }

        /** {@code device_windows}. */
        public Builder deviceWindows(Sink<DeviceWindowKpi> sink) {
            this.deviceWindows = sink;
            return this;
        }

        /** {@code device_metric_kpis}. */
        public Builder deviceMetricKpis(Sink<MetricKpiRow> sink) {
            this.deviceMetricKpis = sink;
            return this;
        }

        /** {@code engine_kpis}. */
        public Builder engineKpis(Sink<EngineKpi> sink) {
            this.engineKpis = sink;
            return this;
        }

        /** {@code engine_fleet_kpis}. */
        public Builder engineFleetKpis(Sink<EngineFleetKpi> sink) {
            this.engineFleetKpis = sink;
            return this;
        }

        /** {@code flight_fleet_kpis}. */
        public Builder flightFleetKpis(Sink<FlightFleetKpi> sink) {
            this.flightFleetKpis = sink;
            return this;
        }

        /** {@code flight_region_kpis}. */
        public Builder flightRegionKpis(Sink<FlightRegionCount> sink) {
            this.flightRegionKpis = sink;
            return this;
        }

        /** {@code vehicle_kpis}. */
        public Builder vehicleKpis(Sink<VehicleKpi> sink) {
            this.vehicleKpis = sink;
            return this;
        }

        /** {@code energy_site_kpis}. */
        public Builder energySiteKpis(Sink<EnergySiteKpi> sink) {
            this.energySiteKpis = sink;
            return this;
        }

        /** {@code alerts} (upsert of each alert's latest transition). */
        public Builder alerts(Sink<AlertEvent> sink) {
            this.alerts = sink;
            return this;
        }

        /** {@code alert_events} (append-only transition history). */
        public Builder alertEvents(Sink<AlertEvent> sink) {
            this.alertEvents = sink;
            return this;
        }

        /** {@code rejected_rules}. */
        public Builder rejectedRules(Sink<RuleRejection> sink) {
            this.rejectedRules = sink;
            return this;
        }

        public PipelineSinks build() {
            return new PipelineSinks(this);
        }
    }
}
