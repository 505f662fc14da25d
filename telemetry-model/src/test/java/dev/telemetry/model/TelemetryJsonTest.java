package dev.telemetry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryJsonTest {

    private static TelemetryEvent sampleFlight() {
        return TelemetryEvent.builder("4ca7b3", Family.FLIGHT)
                .eventTime(1_764_160_000_000L)
                .seq(42)
                .phase("cruise")
                .metric(Metrics.BARO_ALTITUDE_M, 10_972.8)
                .metric(Metrics.VELOCITY_MS, 231.5)
                .metric(Metrics.HEADING_DEG, 271.0)
                .metric(Metrics.VERTICAL_RATE_MS, 0.0)
                .metric(Metrics.ON_GROUND, 0)
                .position(53.42, -6.27)
                .attribute("callsign", "EIN123")
                .build();
    }

    @Test
    void shouldRoundTripEveryFieldOfAnEvent() {
        TelemetryEvent event = sampleFlight();

        DecodeResult decoded = TelemetryJson.decode(TelemetryJson.toBytes(event));

        assertThat(decoded.rejection()).isNull();
        assertThat(decoded.event()).isEqualTo(event);
    }

    @Test
    void shouldWriteFieldsInFixedOrderSoOutputIsDeterministic() {
        String json = TelemetryJson.toJson(sampleFlight());

        assertThat(json)
                .isEqualTo(
                        "{\"schema_version\":1,\"device_id\":\"4ca7b3\",\"family\":\"flight\","
                                + "\"event_time\":1764160000000,\"seq\":42,\"phase\":\"cruise\","
                                + "\"metrics\":{\"baro_altitude_m\":10972.8,\"velocity_ms\":231.5,"
                                + "\"heading_deg\":271.0,\"vertical_rate_ms\":0.0,\"on_ground\":0.0},"
                                + "\"position\":{\"lat\":53.42,\"lon\":-6.27},"
                                + "\"attributes\":{\"callsign\":\"EIN123\"}}");
        assertThat(TelemetryJson.toBytes(sampleFlight()))
                .isEqualTo(TelemetryJson.toBytes(sampleFlight()));
    }

    @Test
    void shouldIgnoreUnknownTopLevelFields() {
        String json =
                "{\"schema_version\":1,\"device_id\":\"TRE-001\",\"family\":\"engine\","
                        + "\"event_time\":1,\"seq\":1,\"firmware\":\"9.1\",\"metrics\":{\"vibration_g\":1.5}}";

        DecodeResult decoded = TelemetryJson.decode(json);

        assertThat(decoded.isOk()).isTrue();
        assertThat(decoded.event().metric(Metrics.VIBRATION_G)).isEqualTo(1.5);
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"schema_version", "device_id", "family", "event_time", "seq", "metrics"})
    void shouldRejectMissingRequiredFieldNamingTheField(String field) {
        String json =
                TelemetryJson.toJson(sampleFlight())
                        .replaceFirst("\"" + field + "\":(\\{[^}]*\\}|\"[^\"]*\"|[^,}]*),?", "");

        DecodeResult decoded = TelemetryJson.decode(json);

        assertThat(decoded.isOk()).isFalse();
        assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(decoded.rejection().detail()).contains("'" + field + "'");
    }

    @ParameterizedTest(name = "schema_version {0}")
    @CsvSource({"4294967297", "-4294967295", "99999999999999999999999"})
    void shouldRejectSchemaVersionOutsideIntRangeInsteadOfWrappingIt(String version) {
        String json =
                TelemetryJson.toJson(sampleFlight())
                        .replace("\"schema_version\":1", "\"schema_version\":" + version);

        DecodeResult decoded = TelemetryJson.decode(json);

        assertThat(decoded.isOk()).isFalse();
        assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.UNSUPPORTED_SCHEMA_VERSION);
        assertThat(decoded.rejection().detail()).contains(version);
    }

    @Test
    void shouldRejectMetricWrittenAsStringAsWrongType() {
        String json = TelemetryJson.toJson(sampleFlight()).replace("231.5", "\"fast\"");

        DecodeResult decoded = TelemetryJson.decode(json);

        assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(decoded.rejection().detail()).contains("metrics.velocity_ms").contains("fast");
    }

    @Test
    void shouldDecodeBareNanTokenSoValidationCanRejectItAsNotFinite() {
        TelemetryEvent event =
                TelemetryEvent.builder("TRE-001", Family.ENGINE)
                        .eventTime(5)
                        .seq(1)
                        .metric(Metrics.CHAMBER_PRESSURE_BAR, Double.NaN)
                        .build();
        String json = TelemetryJson.toJson(event);

        DecodeResult decoded = TelemetryJson.decode(json);

        assertThat(json).contains("\"chamber_pressure_bar\":NaN");
        assertThat(decoded.isOk()).isTrue();
        assertThat(EventValidator.withDefaults().validate(decoded.event(), 5).reason())
                .isEqualTo(RejectReason.NOT_FINITE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated | {\"schema_version\":1,\"device_id\":\"TRE",
                "array | [1,2,3]",
                "not json | hello",
                "number | 42"
            })
    void shouldRejectNonObjectsAsMalformedJson(String name, String payload) {
        DecodeResult decoded = TelemetryJson.decode(payload);

        assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldRejectEmptyPayloadAsMalformed() {
        assertThat(TelemetryJson.decode(new byte[0]).rejection().reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(TelemetryJson.decode((byte[]) null).rejection().reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldRejectRecordsAboveTheSizeLimitBeforeParsing() {
        byte[] payload = "x".repeat(2000).getBytes(StandardCharsets.UTF_8);

        DecodeResult decoded = TelemetryJson.decode(payload, 1024);

        assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.OVERSIZED_RECORD);
        assertThat(decoded.rejection().detail()).contains("2000").contains("1024");
    }

    @Test
    void shouldRejectUnknownFamily() {
        String json = TelemetryJson.toJson(sampleFlight()).replace("\"flight\"", "\"submarine\"");

        DecodeResult decoded = TelemetryJson.decode(json);

        assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.UNKNOWN_FAMILY);
        assertThat(decoded.rejection().detail()).contains("submarine");
    }

    @Test
    void shouldRejectFractionalEventTimeAsWrongType() {
        String json =
                TelemetryJson.toJson(sampleFlight()).replace("1764160000000", "1764160000000.5");

        assertThat(TelemetryJson.decode(json).rejection().reason())
                .isEqualTo(RejectReason.WRONG_TYPE);
    }

    @Test
    void shouldNeverThrowOnArbitraryBytes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(1, 200)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) random.nextInt(256);
            }
            DecodeResult decoded = TelemetryJson.decode(bytes);
            assertThat(decoded.isOk() || decoded.rejection() != null).isTrue();
        }
    }
}
