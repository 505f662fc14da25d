package dev.telemetry.job.score;

import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.model.label.LabelsJsonl;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The job jar's {@code score --labels FILE [--alerts FILE] [--grace 10 s] [--json FILE]} command:
 * compares alerts (from the database, or a JSON Lines export with {@code --alerts}) with the
 * simulator's ground-truth labels and prints precision, recall, F1 and detection delay per anomaly
 * type. Matching is defined in {@link AlertScorer}.
 */
public final class ScoreCommand {

    public static final String NAME = "score";

    private ScoreCommand() {}

    /** Adds the command's own options to a spec that carries the database options. */
    public static CommandSpec addOptions(CommandSpec spec) {
        spec.usageMessage()
                .description(
                        "Scores alerts against ground-truth labels: an alert matches a label of"
                                + " the same device and type whose [onset, end + grace] contains"
                                + " the alert's onset.");
        spec.addOption(
                OptionSpec.builder("--labels")
                        .paramLabel("<file>")
                        .type(String.class)
                        .required(true)
                        .description("Ground-truth labels (JSON Lines, from the simulator).")
                        .build());
        spec.addOption(
                OptionSpec.builder("--alerts")
                        .paramLabel("<file>")
                        .type(String.class)
                        .description(
                                "Alerts as JSON Lines (alert_id, device_id, anomaly_type, onset);"
                                        + " default: the alerts table.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--grace")
                        .paramLabel("<duration>")
                        .type(String.class)
                        .description("Grace after a label's end (default: 10 s).")
                        .build());
        spec.addOption(
                OptionSpec.builder("--json")
                        .paramLabel("<file>")
                        .type(String.class)
                        .description("Also write the report as JSON to this file.")
                        .build());
        return spec;
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    /** Runs the parsed command; returns the exit code. */
    public static int run(
            ParseResult parsed, Supplier<DatabaseConfig> db, PrintStream out, PrintStream err) {
        try {
            Path labelsFile = path(parsed.matchedOptionValue("--labels", null));
            Path alertsFile = path(parsed.matchedOptionValue("--alerts", null));
            Path jsonFile = path(parsed.matchedOptionValue("--json", null));
            String graceText = parsed.matchedOptionValue("--grace", null);
            Duration grace =
                    graceText == null
                            ? AlertScorer.DEFAULT_GRACE
                            : TimeUtils.parseDuration(graceText);
            List<GroundTruthLabel> labels = LabelsJsonl.read(labelsFile);
            List<AlertRecord> alerts;
            if (alertsFile != null) {
                alerts = AlertReader.fromJsonl(alertsFile);
            } else {
                DatabaseConfig config = db.get();
                alerts =
                        AlertReader.fromDatabase(
                                config.url(), config.user(), config.password().reveal());
            }
            ScoreReport report = AlertScorer.score(alerts, labels, grace);
            out.print(report.toTable());
            if (jsonFile != null) {
                Files.writeString(jsonFile, report.toJson(), StandardCharsets.UTF_8);
            }
            return 0;
        } catch (Exception e) {
            err.println("score failed: " + e.getMessage());
            return 1;
        }
    }
}
