package dev.telemetry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final long NOW = 1_764_160_000_000L;
    private final EventValidator validator =
            new EventValidator(Duration.ofMinutes(5), Duration.ofDays(7));

    private static TelemetryEvent.Builder energy() {
        return TelemetryEvent.builder("ESS-0001", Family.ENERGY)
                .eventTime(NOW)
                .seq(1)
                .phase("charging")
                .metric(Metrics.POWER_W, -250_000)
                .metric(Metrics.SOLAR_POWER_W, 120_000)
                .metric(Metrics.SOC_PERCENT, 55.2)
                .metric(Metrics.TEMPERATURE_C, 28.1)
                .metric(Metrics.VOLTAGE_V, 812.0);
    }

    @Test
    void shouldAcceptAPlausibleEvent() {
        assertThat(validator.validate(energy().build(), NOW)).isNull();
    }

    @Test
    void shouldAcceptNegativePowerWhereChargingMakesItPhysical() {
        assertThat(validator.validate(energy().metric(Metrics.POWER_W, -1_000_000).build(), NOW))
                .isNull();
    }

    @Test
    void shouldRejectNegativeSolarPowerAsNegativePower() {
        Rejection rejection =
                validator.validate(energy().metric(Metrics.SOLAR_POWER_W, -5).build(), NOW);

        assertThat(rejection.reason()).isEqualTo(RejectReason.NEGATIVE_POWER);
        assertThat(rejection.detail()).contains("solar_power_w");
    }

    @Test
    void shouldRejectValuesOutsideTheCatalogueRangeWithTheRangeInTheDetail() {
        Rejection rejection =
                validator.validate(energy().metric(Metrics.SOC_PERCENT, 130).build(), NOW);

        assertThat(rejection.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(rejection.detail()).contains("soc_percent=130.0").contains("[0.0, 100.0] %");
    }

    @Test
    void shouldRejectInfinityAsNotFinite() {
        Rejection rejection =
                validator.validate(
                        energy().metric(Metrics.VOLTAGE_V, Double.POSITIVE_INFINITY).build(), NOW);

        assertThat(rejection.reason()).isEqualTo(RejectReason.NOT_FINITE);
    }

    @Test
    void shouldRejectMetricsOfAnotherFamilyAsUnknown() {
        Rejection rejection =
                validator.validate(energy().metric(Metrics.SPEED_KMH, 50).build(), NOW);

        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_METRIC);
    }

    @Test
    void shouldRejectEventsWithoutMetrics() {
        TelemetryEvent event =
                TelemetryEvent.builder("ESS-0001", Family.ENERGY).eventTime(NOW).seq(1).build();

        assertThat(validator.validate(event, NOW).reason()).isEqualTo(RejectReason.NO_METRICS);
    }

    @Test
    void shouldRejectDeviceIdsThatAreEmptyTooLongOrOddUnicode() {
        for (String id : new String[] {"", "x".repeat(65), "TRE\u0000001", "tr\u00e9-1", "a b"}) {
            TelemetryEvent event =
                    new TelemetryEvent(
                            1,
                            id,
                            Family.ENERGY,
                            NOW,
                            1,
                            null,
                            energy().build().metrics(),
                            null,
                            null);
            assertThat(validator.validate(event, NOW).reason())
                    .as("device id %s", id)
                    .isEqualTo(RejectReason.INVALID_DEVICE_ID);
        }
    }

    @Test
    void shouldRejectUnsupportedSchemaVersion() {
        assertThat(validator.validate(energy().schemaVersion(2).build(), NOW).reason())
                .isEqualTo(RejectReason.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void shouldRejectEventTimesBeyondTheFutureAndPastBounds() {
        long justInFuture = NOW + Duration.ofMinutes(5).toMillis();
        long tooFarFuture = justInFuture + 1;
        long justInPast = NOW - Duration.ofDays(7).toMillis();
        long tooOld = justInPast - 1;

        assertThat(validator.validate(energy().eventTime(justInFuture).build(), NOW)).isNull();
        assertThat(validator.validate(energy().eventTime(tooFarFuture).build(), NOW).reason())
                .isEqualTo(RejectReason.FUTURE_EVENT_TIME);
        assertThat(validator.validate(energy().eventTime(justInPast).build(), NOW)).isNull();
        assertThat(validator.validate(energy().eventTime(tooOld).build(), NOW).reason())
                .isEqualTo(RejectReason.STALE_EVENT_TIME);
    }

    @Test
    void shouldRejectInvalidCoordinates() {
        assertThat(validator.validate(energy().position(91, 0).build(), NOW).reason())
                .isEqualTo(RejectReason.OUT_OF_RANGE);
    }
}
