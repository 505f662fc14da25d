package dev.telemetry.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.Position;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.CollectingSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenSkyStateImporterTest {

    private static final long FIRST_TIME_MS = 1_654_077_600_000L;

    private final CollectingSink sink = new CollectingSink();
    private ImportResult result;
    private Map<String, List<TelemetryEvent>> byAircraft;

    @BeforeEach
    void importFixture() throws Exception {
        Path fixture = Path.of(getClass().getResource("/opensky/states_fixture.csv").toURI());
        result = new OpenSkyStateImporter(OutOfRangePolicy.SKIP).importFile(fixture, sink);
        byAircraft =
                sink.records().stream()
                        .map(r -> TelemetryJson.decode(r.payload()).event())
                        .collect(Collectors.groupingBy(TelemetryEvent::deviceId));
    }

    @Test
    void shouldImportEveryUsableRowAndCountTheOthers() {
        // 16 rows: one without time, one with a 25,000 m altitude (skipped by default).
        assertThat(result).isEqualTo(new ImportResult(16, 14, 1, 1));
        assertThat(byAircraft).containsOnlyKeys("4b1805", "3c6444", "a0f9e1", "3c4b26");
    }

    @Test
    void shouldMapStateVectorColumnsOntoFlightMetrics() {
        TelemetryEvent climbing = byAircraft.get("3c6444").get(0);

        assertThat(climbing.family()).isEqualTo(Family.FLIGHT);
        assertThat(climbing.eventTime()).isEqualTo(FIRST_TIME_MS);
        assertThat(climbing.seq()).isEqualTo(1);
        assertThat(climbing.metrics())
                .containsExactly(
                        Map.entry(Metrics.BARO_ALTITUDE_M, 1737.36),
                        Map.entry(Metrics.VELOCITY_MS, 95.71),
                        Map.entry(Metrics.HEADING_DEG, 95.27),
                        Map.entry(Metrics.VERTICAL_RATE_MS, 11.38),
                        Map.entry(Metrics.ON_GROUND, 0.0));
        assertThat(climbing.position()).isEqualTo(new Position(47.4869, 8.6543));
        assertThat(climbing.attributes()).containsExactly(Map.entry("callsign", "DLH4AB"));
    }

    @Test
    void shouldDerivePhaseFromGroundFlagAndVerticalRate() {
        assertThat(byAircraft.get("4b1805")).extracting(TelemetryEvent::phase).containsOnly("taxi");
        assertThat(byAircraft.get("3c6444"))
                .extracting(TelemetryEvent::phase)
                .containsOnly("climb");
        assertThat(byAircraft.get("a0f9e1"))
                .extracting(TelemetryEvent::phase)
                .containsOnly("cruise");
        assertThat(byAircraft.get("3c4b26"))
                .extracting(TelemetryEvent::phase)
                .containsExactly("descent", "descent", "descent", "cruise");
    }

    @Test
    void shouldLeaveOutMissingValuesAndPositions() {
        TelemetryEvent taxiing = byAircraft.get("4b1805").get(0);
        assertThat(taxiing.metrics()).doesNotContainKey(Metrics.BARO_ALTITUDE_M);
        assertThat(taxiing.metric(Metrics.ON_GROUND)).isEqualTo(1.0);

        TelemetryEvent withoutPosition = byAircraft.get("3c6444").get(2);
        assertThat(withoutPosition.position()).isNull();
        assertThat(withoutPosition.metric(Metrics.BARO_ALTITUDE_M)).isEqualTo(1981.2);
    }

    @Test
    void shouldNumberEachAircraftsEventsAndKeyRecordsByAddressAndTime() {
        assertThat(byAircraft.get("3c4b26"))
                .extracting(TelemetryEvent::seq)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(byAircraft.get("4b1805"))
                .extracting(TelemetryEvent::seq)
                .containsExactly(1L, 2L, 3L);
        for (SimRecord record : sink.records()) {
            TelemetryEvent event = TelemetryJson.decode(record.payload()).event();
            assertThat(record.key()).isEqualTo(event.deviceId());
            assertThat(record.timestamp()).isEqualTo(event.eventTime());
        }
    }

    @Test
    void shouldProduceEventsThatPassValidation() {
        EventValidator validator = EventValidator.withDefaults();
        byAircraft.values().stream()
                .flatMap(List::stream)
                .forEach(
                        event -> assertThat(validator.validate(event, event.eventTime())).isNull());
    }
}
