package dev.telemetry.model.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.model.TelemetryJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes ground-truth labels as JSON Lines. */
public final class LabelsJsonl {

    private static final ObjectMapper MAPPER = TelemetryJson.mapper();

    private LabelsJsonl() {}

    /** One label as a single JSON line (no trailing newline). */
    public static String toLine(GroundTruthLabel label) {
        try {
            return MAPPER.writeValueAsString(label);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON line. */
    public static GroundTruthLabel fromLine(String line) {
        try {
            return MAPPER.readValue(line, GroundTruthLabel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a label line: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads every label of a JSONL file, skipping blank lines. */
    public static List<GroundTruthLabel> read(Path file) throws IOException {
        List<GroundTruthLabel> labels = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    labels.add(fromLine(line));
                }
            }
        }
        return labels;
    }

    /** Writes labels to a JSONL file, one per line. */
    public static void write(Path file, List<GroundTruthLabel> labels) throws IOException {
        List<String> lines = new ArrayList<>(labels.size());
        for (GroundTruthLabel label : labels) {
            lines.add(toLine(label));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
