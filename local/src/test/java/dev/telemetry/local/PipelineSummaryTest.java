package dev.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.local.PipelineSummary.AlertCount;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSummaryTest {

    @Test
    void shouldFitOnAFewLinesWithRejectionsAndOpenAlertsBrokenDown() {
        Map<String, Long> rejected = new LinkedHashMap<>();
        rejected.put("MALFORMED_JSON", 3L);
        rejected.put("OUT_OF_RANGE", 1L);
        PipelineSummary summary =
                new PipelineSummary(
                        Instant.parse("2025-01-01T12:03:25Z"),
                        Duration.ofSeconds(85),
                        "RUNNING",
                        1700,
                        20.0,
                        0,
                        12,
                        1680,
                        19.8,
                        20,
                        rejected,
                        40,
                        List.of(
                                new AlertCount("PRESSURE_SPIKE", "CRITICAL", 1, 2),
                                new AlertCount("SENSOR_DROPOUT", "WARNING", 0, 3)),
                        List.of());

        String text = summary.format(ZoneOffset.UTC);

        assertThat(text.lines()).hasSize(5);
        assertThat(text)
                .contains("12:03:25", "up 1m25s", "job RUNNING")
                .contains("produced 1,700 (20.0/s)", "processed 1,680 (19.8/s)", "lag 20")
                .contains("rejected  4: MALFORMED_JSON 3, OUT_OF_RANGE 1")
                .contains("40 device windows")
                .contains(
                        "1 open, 5 raised; 12 anomalies injected; open: PRESSURE_SPIKE/CRITICAL 1")
                .doesNotContain("SENSOR_DROPOUT");
        assertThat(summary.rejected()).isEqualTo(4);
        assertThat(summary.openAlerts()).isEqualTo(1);
        assertThat(summary.alertsRaised()).isEqualTo(5);
    }
}
