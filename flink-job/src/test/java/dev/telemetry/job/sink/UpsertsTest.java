package dev.telemetry.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.AlertStatements;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UpsertsTest {

    @Test
    void shouldNameTheTableEachStatementWrites() {
        Stream<Upserts.Upsert<?>> all =
                Stream.of(
                        Upserts.rejectedEvents(60_000),
                        Upserts.lateEvents(),
                        Upserts.duplicateEvents(),
                        Upserts.deviceWindows(),
                        Upserts.deviceMetricKpis(),
                        Upserts.engineKpis(),
                        Upserts.engineFleetKpis(),
                        Upserts.flightFleetKpis(),
                        Upserts.flightRegionKpis(),
                        Upserts.vehicleKpis(),
                        Upserts.energySiteKpis(),
                        AlertStatements.alerts(),
                        AlertStatements.alertEvents(),
                        AlertStatements.rejectedRules());

        assertThat(all.map(Upserts.Upsert::table))
                .containsExactlyElementsOf(
                        List.of(
                                "rejected_events",
                                "late_events",
                                "duplicate_events",
                                "device_windows",
                                "device_metric_kpis",
                                "engine_kpis",
                                "engine_fleet_kpis",
                                "flight_fleet_kpis",
                                "flight_region_kpis",
                                "vehicle_kpis",
                                "energy_site_kpis",
                                "alerts",
                                "alert_events",
                                "rejected_rules"));
    }
}
