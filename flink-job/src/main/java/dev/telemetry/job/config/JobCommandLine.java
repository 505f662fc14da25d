package dev.telemetry.job.config;

import dev.telemetry.job.alert.AckCommand;
import dev.telemetry.job.migrate.SchemaMigrator;
import dev.telemetry.job.score.ScoreCommand;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line of the job jar: {@code [--<option> <value>]...} runs the job, {@code migrate
 * [--jdbc.* ...]} applies the database migrations, {@code ack <alert-id> --by <who>} acknowledges
 * an alert and {@code score --labels <file>} scores alerts against ground-truth labels. Every
 * {@link JobOptions} entry is an option, so help and parsing cannot drift from the options.
 * Mistakes print one line and exit with 2; no stack traces.
 */
public final class JobCommandLine {

    /** Exit code for a usage or configuration mistake. */
    public static final int USAGE_ERROR = 2;

    /** Exit code when migrating fails. */
    public static final int MIGRATE_FAILED = 1;

    static final String GRAFANA_PASSWORD_ENV = "grafana-password-env";

    /** What to do with a valid job configuration. */
    @FunctionalInterface
    public interface JobRunner {
        void run(JobConfig config) throws Exception;
    }

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public JobCommandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /**
     * Parses {@code args} and runs the job or the migration.
     *
     * @return the process exit code
     * @throws Exception whatever the job itself throws
     */
    public int execute(String[] args, JobRunner runner) throws Exception {
        CommandLine commandLine = commandLine();
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(e.getMessage());
        }
        ParseResult subcommand = parsed.subcommand();
        ParseResult active = subcommand != null ? subcommand : parsed;
        if (active.isUsageHelpRequested()) {
            active.commandSpec().commandLine().usage(out);
            return 0;
        }
        Configuration conf = toConfiguration(active);
        try {
            if (subcommand != null) {
                return switch (subcommand.commandSpec().name()) {
                    case AckCommand.NAME ->
                            AckCommand.run(
                                    subcommand, JobConfig.DatabaseConfig.from(conf, env), out, err);
                    case ScoreCommand.NAME ->
                            ScoreCommand.run(
                                    subcommand,
                                    () -> JobConfig.DatabaseConfig.from(conf, env),
                                    out,
                                    err);
                    default -> migrate(conf, active);
                };
            }
            JobConfig config = JobConfig.from(conf, env);
            runner.run(config);
            return 0;
        } catch (InvalidConfigException e) {
            return usageError(e.getMessage());
        }
    }

    private int migrate(Configuration conf, ParseResult parsed) {
        JobConfig.DatabaseConfig db = JobConfig.DatabaseConfig.from(conf, env);
        String variable =
                parsed.matchedOptionValue("--" + GRAFANA_PASSWORD_ENV, "GRAFANA_DB_PASSWORD");
        Optional<Secret> grafana =
                Optional.ofNullable(env.get(variable)).filter(s -> !s.isEmpty()).map(Secret::new);
        try {
            int applied = SchemaMigrator.migrate(db, grafana);
            out.println(
                    "migrate: "
                            + applied
                            + " migration(s) applied to "
                            + db
                            + (grafana.isPresent() ? "; grafana_reader may log in" : ""));
            return 0;
        } catch (Exception e) {
            err.println("migrate failed: " + firstLine(e));
            return MIGRATE_FAILED;
        }
    }

    private int usageError(String message) {
        err.println("error: " + firstLine(message) + " (try --help)");
        return USAGE_ERROR;
    }

    private static String firstLine(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return firstLine(cause.getMessage() != null ? cause.getMessage() : cause.toString());
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static Configuration toConfiguration(ParseResult parsed) {
        Map<String, String> values = new HashMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (name.equals("--" + GRAFANA_PASSWORD_ENV)
                    || option.usageHelp()
                    || option.versionHelp()) {
                continue;
            }
            values.put(keyOf(name), option.getValue());
        }
        return Configuration.fromMap(values);
    }

    /** The option key of a command-line name ({@code --jdbc-url} gives {@code jdbc.url}). */
    private static String keyOf(String optionName) {
        String name = optionName.substring(2);
        ConfigOption<?> aliased = JobOptions.ALIASES.get(name);
        return aliased != null ? aliased.key() : name;
    }

    static CommandLine commandLine() {
        CommandSpec run = spec("telemetry-anomaly-job", JobOptions.ALL);
        run.usageMessage()
                .description(
                        "Runs the telemetry anomaly detection job. Durations take units (500 ms,"
                                + " 5 s, 1 min, 1 h).");
        CommandSpec migrate = spec("migrate", JobOptions.DATABASE);
        migrate.usageMessage()
                .description(
                        "Applies the database migrations (schema, views, grafana_reader role).");
        migrate.addOption(
                OptionSpec.builder("--" + GRAFANA_PASSWORD_ENV)
                        .paramLabel("<variable>")
                        .type(String.class)
                        .description(
                                "Environment variable with a password for grafana_reader; if it"
                                        + " is set, the role may log in (default:"
                                        + " GRAFANA_DB_PASSWORD).")
                        .build());
        run.addSubcommand("migrate", new CommandLine(migrate));
        run.addSubcommand(
                AckCommand.NAME,
                new CommandLine(AckCommand.addOptions(spec(AckCommand.NAME, JobOptions.DATABASE))));
        run.addSubcommand(
                ScoreCommand.NAME,
                new CommandLine(
                        ScoreCommand.addOptions(spec(ScoreCommand.NAME, JobOptions.DATABASE))));
        CommandLine commandLine = new CommandLine(run);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    private static CommandSpec spec(String name, List<ConfigOption<?>> options) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.mixinStandardHelpOptions(false);
        spec.addOption(
                OptionSpec.builder("-h", "--help")
                        .usageHelp(true)
                        .description("Show this help and exit.")
                        .build());
        HtmlFormatter formatter = new HtmlFormatter();
        for (ConfigOption<?> option : options) {
            String description = formatter.format(option.description());
            if (option.hasDefaultValue()) {
                description += " (default: " + format(option.defaultValue()) + ")";
            }
            List<String> names = new java.util.ArrayList<>();
            names.add("--" + option.key());
            JobOptions.ALIASES.forEach(
                    (alias, target) -> {
                        if (target == option) {
                            names.add("--" + alias);
                        }
                    });
            spec.addOption(
                    OptionSpec.builder(names.toArray(String[]::new))
                            .paramLabel("<value>")
                            .type(String.class)
                            .description(description)
                            .build());
        }
        return spec;
    }

    private static String format(Object value) {
        return value instanceof Duration duration
                ? TimeUtils.formatWithHighestUnit(duration)
                : String.valueOf(value);
    }
}
