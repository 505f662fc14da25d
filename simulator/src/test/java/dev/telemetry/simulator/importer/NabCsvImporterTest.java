package dev.telemetry.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.CollectingSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabCsvImporterTest {

    /** First 168 hourly rows of NAB's ambient_temperature_system_failure.csv (°F). */
    private static final String EXCERPT = "/nab/ambient_temperature_system_failure_excerpt.csv";

    private static final MetricDefinition TEMPERATURE =
            Metrics.get(Family.ENERGY, Metrics.TEMPERATURE_C);
    private static final double F_TO_C_SCALE = 5.0 / 9.0;
    private static final double F_TO_C_OFFSET = -32.0 * 5.0 / 9.0;

    private static Path excerpt() throws URISyntaxException {
        return Path.of(NabCsvImporterTest.class.getResource(EXCERPT).toURI());
    }

    private static List<TelemetryEvent> events(CollectingSink sink) {
        return sink.records().stream().map(r -> TelemetryJson.decode(r.payload()).event()).toList();
    }

    @Test
    void shouldImportARealNabSeriesAsValidEventsOfOneDevice() throws Exception {
        CollectingSink sink = new CollectingSink();
        NabCsvImporter importer =
                new NabCsvImporter(
                        "office-1",
                        TEMPERATURE,
                        F_TO_C_SCALE,
                        F_TO_C_OFFSET,
                        OutOfRangePolicy.SKIP);

        ImportResult result = importer.importFile(excerpt(), sink);

        assertThat(result).isEqualTo(new ImportResult(168, 168, 0, 0));
        List<TelemetryEvent> events = events(sink);
        TelemetryEvent first = events.get(0);
        assertThat(first.deviceId()).isEqualTo("office-1");
        assertThat(first.family()).isEqualTo(Family.ENERGY);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.eventTime())
                .isEqualTo(Instant.parse("2013-07-04T00:00:00Z").toEpochMilli());
        // 69.88083514 °F
        assertThat(first.metric(Metrics.TEMPERATURE_C)).isCloseTo(21.0449, within(1e-3));
        assertThat(first.metrics()).containsOnlyKeys(Metrics.TEMPERATURE_C);
        TelemetryEvent last = events.get(167);
        assertThat(last.seq()).isEqualTo(168);
        assertThat(last.eventTime())
                .isEqualTo(Instant.parse("2013-07-10T23:00:00Z").toEpochMilli());

        EventValidator validator = new EventValidator(Duration.ZERO, Duration.ofDays(36_500));
        for (SimRecord record : sink.records()) {
            DecodeResult decoded = TelemetryJson.decode(record.payload());
            assertThat(decoded.isOk()).isTrue();
            assertThat(validator.validate(decoded.event(), first.eventTime() + 7 * 86_400_000L))
                    .isNull();
            assertThat(record.key()).isEqualTo("office-1");
            assertThat(record.timestamp()).isEqualTo(decoded.event().eventTime());
        }
    }

    @Test
    void shouldSkipCountClampOrKeepValuesOutsideTheMetricRange() throws IOException {
        String csv =
                "timestamp,value\n"
                        + "2014-01-01 00:00:00,20\n"
                        + "2014-01-01 00:05:00,400\n"
                        + "2014-01-01 00:10:00,-80\n";

        CollectingSink skipped = new CollectingSink();
        ImportResult skip =
                importer(OutOfRangePolicy.SKIP).importFrom(reader(csv), "t.csv", skipped);
        CollectingSink clamped = new CollectingSink();
        ImportResult clamp =
                importer(OutOfRangePolicy.CLAMP).importFrom(reader(csv), "t.csv", clamped);
        CollectingSink kept = new CollectingSink();
        ImportResult keep = importer(OutOfRangePolicy.KEEP).importFrom(reader(csv), "t.csv", kept);

        assertThat(skip).isEqualTo(new ImportResult(3, 1, 0, 2));
        assertThat(events(skipped)).extracting(TelemetryEvent::seq).containsExactly(1L);
        assertThat(clamp).isEqualTo(new ImportResult(3, 3, 0, 2));
        assertThat(events(clamped))
                .extracting(e -> e.metric(Metrics.TEMPERATURE_C))
                .containsExactly(20.0, 150.0, -40.0);
        assertThat(keep).isEqualTo(new ImportResult(3, 3, 0, 2));
        assertThat(events(kept))
                .extracting(e -> e.metric(Metrics.TEMPERATURE_C))
                .containsExactly(20.0, 400.0, -80.0);
    }

    @Test
    void shouldCountMalformedRowsAndKeepRowNumbersAsSequence() throws IOException {
        String csv =
                "timestamp,value\n"
                        + "2014-01-01 00:00:00,20\n"
                        + "yesterday,21\n"
                        + "2014-01-01 00:10:00,\n"
                        + "2014-01-01 00:15:00,NaN\n"
                        + "2014-01-01 00:20:00,22\n";
        CollectingSink sink = new CollectingSink();

        ImportResult result =
                importer(OutOfRangePolicy.SKIP).importFrom(reader(csv), "t.csv", sink);

        assertThat(result).isEqualTo(new ImportResult(5, 2, 3, 0));
        assertThat(events(sink)).extracting(TelemetryEvent::seq).containsExactly(1L, 5L);
    }

    @Test
    void shouldRejectAFileWithoutTheNabHeader() {
        assertThatThrownBy(
                        () ->
                                importer(OutOfRangePolicy.SKIP)
                                        .importFrom(
                                                reader("time,val\n1,2\n"),
                                                "t.csv",
                                                new CollectingSink()))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("timestamp,value");
    }

    private static NabCsvImporter importer(OutOfRangePolicy policy) {
        return new NabCsvImporter("site-1", TEMPERATURE, 1, 0, policy);
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
