package dev.telemetry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/event-schema.md in step with the metric catalogue and the rejection reasons. */
class EventSchemaDocTest {

    private static String doc() throws Exception {
        Path doc = Path.of("..", "docs", "event-schema.md");
        return Files.readString(doc, StandardCharsets.UTF_8);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    @Test
    void shouldDocumentEveryMetricWithItsUnitAndRange() throws Exception {
        String doc = doc();
        for (Family family : Family.values()) {
            for (MetricDefinition def : Metrics.of(family)) {
                assertThat(doc)
                        .as("row for %s", def.name())
                        .contains(
                                "| `"
                                        + def.name()
                                        + "` | "
                                        + def.unit()
                                        + " | "
                                        + number(def.min())
                                        + " … "
                                        + number(def.max())
                                        + " |");
            }
        }
    }

    @Test
    void shouldDocumentEveryRejectionReason() throws Exception {
        String doc = doc();
        for (RejectReason reason : RejectReason.values()) {
            assertThat(doc).contains("| `" + reason + "` |");
        }
    }
}
