package dev.telemetry.local;

import dev.telemetry.job.config.Secret;
import dev.telemetry.simulator.cli.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code ./run-local}; {@link #settings} turns them into {@link LocalSettings}. */
@Command(
        name = "run-local",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs the whole pipeline on this machine: Kafka and PostgreSQL (embedded, or yours),"
                    + " the Flink job on a local cluster with the web UI, and the simulator or a"
                    + " replay. Prints where everything is and a summary every few seconds;"
                    + " Ctrl-C stops everything.",
            ""
        },
        footer = {
            "",
            "Durations: 500ms, 60s, 10m, 1h30m or ISO-8601 (PT1M). Exit codes: 0 stopped cleanly,"
                    + " 1 failed to start or stop, 2 bad command line."
        })
final class LocalCommand {

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(
            names = "--devices",
            defaultValue = "5",
            paramLabel = "N",
            description = "Simulated devices per family (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--rate",
            defaultValue = "1",
            paramLabel = "EVENTS",
            description = "Events per device per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--anomaly-rate",
            defaultValue = "60",
            paramLabel = "PER_HOUR",
            description = "Expected anomalies per device per hour (default: ${DEFAULT-VALUE}).")
    double anomalyRate;

    @Option(
            names = "--early-anomalies",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Anomalies of every type per family started at once, so every alert type"
                            + " shows within minutes (default: ${DEFAULT-VALUE}; 0 = random only).")
    int earlyAnomalies;

    @Option(
            names = "--bad-rate",
            defaultValue = "0.01",
            paramLabel = "FRACTION",
            description = "Fraction of records corrupted, 0..1 (default: ${DEFAULT-VALUE}).")
    double badRate;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description =
                    "Replay this JSON Lines recording (simulate --out, record, import) instead of"
                            + " simulating, shifted so that its first record happens now.")
    Path replay;

    @Option(
            names = "--replay-speed",
            defaultValue = "1",
            paramLabel = "FACTOR",
            description = "Replay speed relative to the recording (default: ${DEFAULT-VALUE}).")
    double replaySpeed;

    @Option(
            names = "--no-simulator",
            description = "Feed nothing; produce to the telemetry topic yourself.")
    boolean noSimulator;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Use these Kafka brokers instead of the embedded one.")
    String bootstrapServers;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Use this PostgreSQL database instead of the embedded one"
                            + " (jdbc:postgresql://host:port/database; migrations are applied).")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "telemetry",
            paramLabel = "USER",
            description =
                    "User for --jdbc-url (default: ${DEFAULT-VALUE}); the password is read from"
                            + " $"
                            + "TELEMETRY_JDBC_PASSWORD.")
    String jdbcUser;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Broker and database files, ports and log (default:"
                            + " $TMPDIR/telemetry-local-$USER).")
    Path dataDir;

    @Option(names = "--fresh", description = "Wipe the data directory first.")
    boolean fresh;

    @Option(
            names = "--flink-ui-port",
            paramLabel = "PORT",
            description = "Port of the Flink web UI (default: 8081 if free, else any free port).")
    Integer flinkUiPort;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            paramLabel = "N",
            description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--summary-interval",
            defaultValue = "5s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How often to print the summary; 0s for never (default: 5s).")
    Duration summaryInterval;

    @Option(
            names = "--job-option",
            paramLabel = "KEY=VALUE",
            description =
                    "A job option, e.g. window.size=10s (see java -jar flink-job/target/"
                            + "flink-job.jar --help); repeatable.")
    Map<String, String> jobOptions = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Also print the log (INFO) to stderr.")
    boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    /**
     * The validated settings.
     *
     * @param env environment variables, for {@code TELEMETRY_JDBC_PASSWORD}
     * @throws LocalModeException for an invalid combination or value
     */
    LocalSettings settings(Map<String, String> env) {
        if (replay != null && noSimulator) {
            throw new LocalModeException("--replay and --no-simulator exclude each other");
        }
        LocalSettings.Builder builder =
                LocalSettings.builder()
                        .duration(duration)
                        .devicesPerFamily(devices)
                        .rate(rate)
                        .anomalyRate(anomalyRate)
                        .earlyAnomalies(earlyAnomalies)
                        .badRate(badRate)
                        .seed(seed)
                        .replay(replay)
                        .replaySpeed(replaySpeed)
                        .input(
                                noSimulator
                                        ? LocalSettings.Input.NONE
                                        : LocalSettings.Input.SIMULATE)
                        .bootstrapServers(bootstrapServers)
                        .jdbcUrl(jdbcUrl)
                        .jdbcUser(jdbcUser)
                        .jdbcPassword(
                                new Secret(env.getOrDefault(LocalSettings.JDBC_PASSWORD_ENV, "")))
                        .fresh(fresh)
                        .flinkUiPort(flinkUiPort)
                        .parallelism(parallelism)
                        .summaryInterval(summaryInterval);
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        jobOptions.forEach(builder::jobOption);
        return builder.build();
    }
}
