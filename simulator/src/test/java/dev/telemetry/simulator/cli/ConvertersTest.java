package dev.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @Test
    void shouldParseShortDurations() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldParseIsoDurationsInAnyCase() {
        assertThat(DurationConverter.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("pt2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldRejectDurationsWithoutUnitOrWithGarbage() {
        for (String text : new String[] {"60", "soon", "10 m", "5x", "PTx", ""}) {
            assertThatThrownBy(() -> DurationConverter.parse(text))
                    .as(text)
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a duration");
        }
    }

    @Test
    void shouldParseInstantsWithOffsetsOrAsEpochMillis() {
        InstantConverter converter = new InstantConverter();

        assertThat(converter.convert("2024-01-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(converter.convert("2024-01-01T02:00:00+02:00"))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(converter.convert("1704067200000"))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThatThrownBy(() -> converter.convert("yesterday"))
                .isInstanceOf(TypeConversionException.class);
    }
}
