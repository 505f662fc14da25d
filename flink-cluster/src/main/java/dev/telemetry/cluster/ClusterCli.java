package dev.telemetry.cluster;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Command line for local Flink clusters: {@code start} a standalone session cluster, {@code deploy}
 * a job jar onto a fresh one, or {@code submit} a job jar to any running Flink cluster.
 */
@Command(
        name = "flink-cluster",
        mixinStandardHelpOptions = true,
        versionProvider = ClusterCli.Version.class,
        description =
                "Runs a real Flink session cluster (JobManager and TaskManager JVMs) on this machine"
                        + " and submits job jars through the Flink REST API.",
        subcommands = {
            ClusterCli.Start.class,
            ClusterCli.Deploy.class,
            ClusterCli.Submit.class,
            CommandLine.HelpCommand.class
        })
public final class ClusterCli implements Runnable {

    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** Runs the command line; returns 0 on success, 1 on a failure, 2 on a usage error. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        // One line per log record instead of java.util.logging's two.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        }
        CommandLine commandLine = new CommandLine(new ClusterCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(
                (e, arguments) -> {
                    err.println(
                            "error: "
                                    + oneLine(e.getMessage())
                                    + " (see '"
                                    + e.getCommandLine().getCommandSpec().qualifiedName()
                                    + " --help')");
                    return 2;
                });
        commandLine.setExecutionExceptionHandler(
                (e, cmd, parseResult) -> {
                    err.println("error: " + describe(e));
                    return 1;
                });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "Missing command: start, deploy or submit");
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start a standalone session cluster and keep it running until Ctrl-C.")
    static final class Start implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private ClusterOptions cluster;

        @Option(
                names = "--duration",
                converter = DurationConverter.class,
                description = "Stop after this long (e.g. 90s, 10m) instead of waiting for Ctrl-C.")
        private Duration duration;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (StandaloneCluster flink = cluster.builder().build()) {
                flink.start();
                printCluster(out, flink);
                keepRunning(out, duration);
            }
            return 0;
        }
    }

    @Command(
            name = "deploy",
            mixinStandardHelpOptions = true,
            description =
                    "Start a standalone session cluster, submit a job jar to it and keep both"
                            + " running until Ctrl-C.")
    static final class Deploy implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private ClusterOptions cluster;
        @Mixin private JobJarOptions job;

        @Option(
                names = "--duration",
                converter = DurationConverter.class,
                description = "Stop after this long (e.g. 90s, 10m) instead of waiting for Ctrl-C.")
        private Duration duration;

        @Option(
                names = "--await-running",
                converter = DurationConverter.class,
                defaultValue = "2m",
                description =
                        "How long to wait for all tasks to be RUNNING before reporting"
                                + " (default: ${DEFAULT-VALUE}).")
        private Duration awaitRunning;

        @Override
        public Integer call() throws InterruptedException {
            job.validate(spec);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (StandaloneCluster flink = cluster.builder().build()) {
                flink.start();
                printCluster(out, flink);
                long submitted = System.nanoTime();
                String jobId = flink.submitJar(job.jar, job.run(cluster.slots));
                out.println("Submitted job " + jobId);
                out.println("  Job UI:  " + flink.restClient().jobUiUri(jobId));
                try {
                    JobStatus status = flink.awaitAllTasksRunning(jobId, awaitRunning);
                    out.printf(
                            Locale.ROOT,
                            "All tasks of '%s' RUNNING %s after submission%n",
                            status.name(),
                            Polling.format(Duration.ofNanos(System.nanoTime() - submitted)));
                } catch (ClusterException e) {
                    // Keep the cluster up so the web UI and logs can show what went wrong.
                    err.println("warning: " + describe(e));
                }
                keepRunning(out, duration);
            }
            return 0;
        }
    }

    @Command(
            name = "submit",
            mixinStandardHelpOptions = true,
            description =
                    "Submit a job jar to any running Flink cluster through its REST API (upload,"
                            + " then run).")
    static final class Submit implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private JobJarOptions job;

        @Option(
                names = "--rest-url",
                required = true,
                description = "The cluster's REST API, e.g. http://localhost:8081.")
        private String restUrl;

        @Option(
                names = "--await-running",
                converter = DurationConverter.class,
                description = "Also wait up to this long until all tasks are RUNNING.")
        private Duration awaitRunning;

        @Override
        public Integer call() {
            job.validate(spec);
            FlinkRestClient client;
            try {
                client = FlinkRestClient.forUrl(restUrl);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            String jobId = client.submitJar(job.jar, job.run(null));
            out.println("Submitted job " + jobId);
            out.println("  Job UI:  " + client.jobUiUri(jobId));
            if (awaitRunning != null) {
                JobStatus status =
                        Polling.await(
                                "all tasks of job " + jobId + " to be RUNNING",
                                awaitRunning,
                                () -> client.jobStatus(jobId),
                                s -> {
                                    if (s.isGloballyTerminal()) {
                                        throw new ClusterException(
                                                "Job " + jobId + " is " + s.state());
                                    }
                                    return s.allTasksRunning();
                                },
                                JobStatus::describe,
                                () -> {});
                out.println("All tasks of '" + status.name() + "' RUNNING");
            }
            return 0;
        }
    }

    /** Options that shape a local cluster. */
    static final class ClusterOptions {
        @Option(
                names = "--base-dir",
                description =
                        "Directory for configuration, logs, checkpoints and the pid file"
                                + " (default: ${DEFAULT-VALUE}).")
        Path baseDir = Path.of(System.getProperty("java.io.tmpdir"), "telemetry-flink-cluster");

        @Option(
                names = "--rest-port",
                description =
                        "REST API and web UI port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int restPort = 0;

        @Option(
                names = "--slots",
                description = "Task slots of the TaskManager (default: ${DEFAULT-VALUE}).")
        int slots = 2;

        @Option(
                names = "--checkpoint-dir",
                description =
                        "Checkpoint directory, a path or URI (default: <base-dir>/checkpoints).")
        String checkpointDir;

        @Option(
                names = "--checkpoint-interval",
                converter = DurationConverter.class,
                defaultValue = "10s",
                description =
                        "Checkpoint interval for jobs that set none (default: ${DEFAULT-VALUE}).")
        Duration checkpointInterval;

        @Option(
                names = {"-D", "--config"},
                paramLabel = "KEY=VALUE",
                description = "Any Flink option for config.yaml, e.g. -D parallelism.default=2.")
        Map<String, String> config = new LinkedHashMap<>();

        StandaloneCluster.Builder builder() {
            StandaloneCluster.Builder builder =
                    StandaloneCluster.builder(baseDir)
                            .restPort(restPort)
                            .slots(slots)
                            .checkpointInterval(checkpointInterval)
                            .config(config);
            if (checkpointDir != null) {
                builder.checkpointDir(
                        checkpointDir.contains(":/")
                                ? URI.create(checkpointDir)
                                : Path.of(checkpointDir).toAbsolutePath().toUri());
            }
            return builder;
        }
    }

    /** The job jar to run and how. */
    static final class JobJarOptions {
        @Option(names = "--jar", required = true, description = "The job jar.")
        Path jar;

        @Option(
                names = "--entry-class",
                description = "The job's main class (default: the jar manifest's Main-Class).")
        String entryClass;

        @Option(
                names = {"-p", "--parallelism"},
                description =
                        "Job parallelism (default: the slots of a local cluster, else the"
                                + " cluster's default).")
        Integer parallelism;

        @Parameters(
                paramLabel = "JOB_ARG",
                description = "Arguments for the job's main method; put them after '--'.")
        List<String> jobArgs = new ArrayList<>();

        void validate(CommandSpec spec) {
            if (!Files.isRegularFile(jar)) {
                throw new ParameterException(spec.commandLine(), "Job jar not found: " + jar);
            }
            if (!jar.getFileName().toString().endsWith(".jar")) {
                throw new ParameterException(spec.commandLine(), "Not a .jar file: " + jar);
            }
            if (parallelism != null && parallelism < 1) {
                throw new ParameterException(
                        spec.commandLine(), "--parallelism must be at least 1: " + parallelism);
            }
        }

        JarRun run(Integer defaultParallelism) {
            Integer effective = parallelism != null ? parallelism : defaultParallelism;
            return new JarRun(
                    Optional.ofNullable(entryClass),
                    jobArgs,
                    effective == null ? OptionalInt.empty() : OptionalInt.of(effective),
                    Optional.empty());
        }
    }

    /**
     * Durations as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or ISO-8601 {@code PT30S}.
     */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher simple = SIMPLE.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value.strip());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration such as 500ms, 30s, 10m or 1h");
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flink-cluster for Flink " + FlinkLibraries.flinkVersion()};
        }
    }

    private static void printCluster(PrintWriter out, StandaloneCluster flink) {
        out.println(
                "Flink "
                        + FlinkLibraries.flinkVersion()
                        + " session cluster up in "
                        + Polling.format(flink.startupTime()));
        out.println("  Web UI:  " + flink.restUrl());
        out.println(
                "  REST:    " + flink.restUrl() + " (submit --rest-url " + flink.restUrl() + ")");
        out.println("  Logs:    " + flink.logDir());
        out.println("  Checkpoints: " + flink.checkpointDir());
    }

    private static void keepRunning(PrintWriter out, Duration duration)
            throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        if (duration == null) {
            out.println("Press Ctrl-C to stop the cluster.");
            never.await();
        } else {
            out.println("Stopping the cluster in " + Polling.format(duration) + ".");
            never.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof FlinkRestException
                        || e instanceof ClusterException
                        || e instanceof IllegalArgumentException
                        || e instanceof IllegalStateException
                ? oneLine(message)
                : e.getClass().getSimpleName() + ": " + oneLine(message);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
