package dev.telemetry.job.alert;

import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The job jar's {@code ack <alert-id> --by <who> [--note <text>]} command: acknowledges an alert
 * (the job never overwrites an acknowledgement). Exit codes: 0 acknowledged or already
 * acknowledged, 1 database failure, 3 unknown alert.
 */
public final class AckCommand {

    public static final String NAME = "ack";
    public static final int UNKNOWN_ALERT = 3;

    private AckCommand() {}

    /** Adds the command's own options to a spec that carries the database options. */
    public static CommandSpec addOptions(CommandSpec spec) {
        spec.usageMessage().description("Acknowledges an alert (ack_alert in the database).");
        spec.addPositional(
                PositionalParamSpec.builder()
                        .paramLabel("<alert-id>")
                        .type(String.class)
                        .description("The alert's id (a UUID, alerts.alert_id).")
                        .arity("1")
                        .build());
        spec.addOption(
                OptionSpec.builder("--by")
                        .paramLabel("<who>")
                        .type(String.class)
                        .required(true)
                        .description("Who acknowledges.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--note")
                        .paramLabel("<text>")
                        .type(String.class)
                        .description("Optional note.")
                        .build());
        return spec;
    }

    /** Runs the parsed command; returns the exit code. */
    public static int run(ParseResult parsed, DatabaseConfig db, PrintStream out, PrintStream err) {
        String id = parsed.matchedPositionalValue(0, "");
        UUID alertId;
        try {
            alertId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            err.println("error: '" + id + "' is not an alert id (a UUID)");
            return 2;
        }
        String who = parsed.matchedOptionValue("--by", "");
        String note = parsed.matchedOptionValue("--note", null);
        try (Connection connection =
                DriverManager.getConnection(db.url(), db.user(), db.password().reveal())) {
            AlertAcknowledger.Outcome outcome =
                    AlertAcknowledger.acknowledge(connection, alertId, who, note);
            switch (outcome) {
                case ACKNOWLEDGED -> out.println("ack: acknowledged " + alertId + " by " + who);
                case ALREADY_ACKNOWLEDGED ->
                        out.println("ack: " + alertId + " was already acknowledged; unchanged");
                case UNKNOWN_ALERT -> {
                    err.println("ack: no alert " + alertId);
                    return UNKNOWN_ALERT;
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("ack failed: " + e.getMessage());
            return 1;
        }
    }
}
