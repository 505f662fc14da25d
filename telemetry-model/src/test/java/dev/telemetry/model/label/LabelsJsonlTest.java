package dev.telemetry.model.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.model.Family;
import dev.telemetry.model.RejectReason;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsJsonlTest {

    @Test
    void shouldWriteAnomalyLabelsWithSnakeCaseFieldsAndNoNulls() {
        GroundTruthLabel label =
                GroundTruthLabel.anomaly(
                        "TRE-001",
                        Family.ENGINE,
                        AnomalyType.PRESSURE_SPIKE,
                        1000,
                        4000,
                        "chamber_pressure_bar");

        assertThat(LabelsJsonl.toLine(label))
                .isEqualTo(
                        "{\"category\":\"anomaly\",\"device_id\":\"TRE-001\",\"family\":\"engine\","
                                + "\"type\":\"PRESSURE_SPIKE\",\"onset\":1000,\"end\":4000,"
                                + "\"metric\":\"chamber_pressure_bar\"}");
    }

    @Test
    void shouldCarryTheExpectedOutcomeOfBadData() {
        GroundTruthLabel label =
                GroundTruthLabel.badData(
                        "ESS-0001", Family.ENERGY, BadDataType.NAN, 5, 9L, "soc_percent");

        assertThat(label.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(label.reason()).isEqualTo(RejectReason.NOT_FINITE);
        assertThat(LabelsJsonl.fromLine(LabelsJsonl.toLine(label))).isEqualTo(label);
    }

    @Test
    void shouldRoundTripAFileOfLabels(@TempDir Path dir) throws Exception {
        List<GroundTruthLabel> labels =
                List.of(
                        GroundTruthLabel.anomaly(
                                "4ca7b3", Family.FLIGHT, AnomalyType.RAPID_DESCENT, 1, 2, null),
                        GroundTruthLabel.badData(
                                "EV-00001", Family.VEHICLE, BadDataType.DUPLICATE, 3, 4L, null));
        Path file = dir.resolve("labels.jsonl");

        LabelsJsonl.write(file, labels);

        assertThat(LabelsJsonl.read(file)).containsExactlyElementsOf(labels);
        assertThat(LabelsJsonl.read(file).get(0).anomalyType())
                .isEqualTo(AnomalyType.RAPID_DESCENT);
        assertThat(LabelsJsonl.read(file).get(1).badDataType()).isEqualTo(BadDataType.DUPLICATE);
    }

    @Test
    void shouldExplainUnreadableLines() {
        assertThatThrownBy(() -> LabelsJsonl.fromLine("{oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a label line");
    }
}
