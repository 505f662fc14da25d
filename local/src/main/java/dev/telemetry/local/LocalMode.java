package dev.telemetry.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of {@code ./run-local} ({@code java -jar local/target/local.jar}): parses the
 * options, starts a {@link LocalStack}, prints where everything is and a summary every few seconds,
 * and stops everything on Ctrl-C, SIGTERM or after {@code --duration}.
 *
 * <p>Logging is configured here, before anything logs, so this class has no logger: the log goes to
 * {@code local.log} in the data directory and only errors reach the terminal.
 */
public final class LocalMode {

    /** Exit code for a clean stop. */
    static final int OK = 0;

    /** Exit code when starting or stopping fails. */
    static final int FAILED = 1;

    /** Exit code for a bad command line. */
    static final int USAGE_ERROR = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    LocalMode(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new LocalMode(System.out, System.err, System.getenv()).run(args));
    }

    /** Runs local mode to the end and returns the exit code. */
    int run(String[] args) {
        LocalCommand command = new LocalCommand();
        CommandLine commandLine = new CommandLine(command);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(e.getMessage());
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return OK;
        }
        LocalSettings settings;
        try {
            settings = command.settings(env);
        } catch (LocalModeException e) {
            return usageError(e.getMessage());
        }
        DataDirectory data;
        try {
            data = DataDirectory.open(settings.dataDir(), settings.fresh());
        } catch (LocalModeException e) {
            return failure(e.getMessage());
        }
        configureLogging(data.logFile(), command.verbose);
        return run(settings, data);
    }

    private int run(LocalSettings settings, DataDirectory data) {
        StopSignals.install(this::requestStop);
        out.println("Starting local mode; log in " + data.logFile() + " ...");
        out.flush();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, data);
        } catch (LocalModeException e) {
            return failure(e.getMessage());
        } catch (RuntimeException e) {
            return failure(e + " (see " + data.logFile() + ")");
        }
        // Ends the stack in an orderly way if the JVM exits otherwise (e.g. SIGHUP).
        Thread hook = new Thread(stack::stop, "local-mode-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(stack);
        waitForStop(settings, stack);
        out.println("Stopping ...");
        out.flush();
        int exit = OK;
        try {
            printSummary(stack);
            stack.stop();
            out.println("Stopped.");
        } catch (LocalModeException e) {
            exit = failure(e.getMessage());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // already shutting down; the hook finds the stack stopped
        }
        return exit;
    }

    /** Prints a summary every interval until the duration is over or a stop is requested. */
    private void waitForStop(LocalSettings settings, LocalStack stack) {
        long started = System.nanoTime();
        long duration = settings.duration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        long interval =
                settings.summaryInterval().isZero()
                        ? Long.MAX_VALUE
                        : settings.summaryInterval().toNanos();
        long nextSummary = interval;
        while (true) {
            // Elapsed time, not nanoTime values, is compared: nanoTime may be negative.
            long elapsed = System.nanoTime() - started;
            if (elapsed >= duration) {
                return;
            }
            long wait = Math.min(duration, nextSummary) - elapsed;
            try {
                if (stopRequested.await(wait, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() - started >= nextSummary) {
                printSummary(stack);
                nextSummary += interval;
            }
        }
    }

    private void requestStop() {
        if (stopRequested.getCount() == 0) {
            err.println("Stopping at once.");
            err.flush();
            // A second Ctrl-C: the PostgreSQL server gets its parent-death signal and shuts
            // down; the in-process broker ends with the JVM.
            Runtime.getRuntime().halt(130);
        }
        stopRequested.countDown();
    }

    private void printBanner(LocalStack stack) {
        String duration =
                stack.settings()
                        .duration()
                        .map(d -> " for " + d.toString().substring(2).toLowerCase(Locale.ROOT))
                        .orElse("");
        out.println("Local mode is running" + duration + "; Ctrl-C stops it.");
        out.printf(
                "  Kafka       %s (%s), topics %s, %s, %s%n",
                stack.bootstrapServers(),
                stack.embeddedKafka() ? "embedded" : "external",
                stack.jobConfig().topic(),
                stack.jobConfig().deadLetterTopic(),
                LocalStack.RULES_TOPIC);
        if (stack.embeddedDatabase()) {
            out.printf(
                    "  PostgreSQL  %s  user %s, no password (embedded)%n",
                    stack.jdbcUrl(), stack.jdbcUser());
            out.printf(
                    "              psql \"%s\"%n",
                    stack.jdbcUrl()
                            .replace(
                                    "jdbc:postgresql://",
                                    "postgresql://" + stack.jdbcUser() + "@"));
        } else {
            out.printf(
                    "  PostgreSQL  %s  user %s (external)%n",
                    Preflight.redact(stack.jdbcUrl()), stack.jdbcUser());
        }
        out.printf("  Flink UI    %s%n", stack.flinkUiUrl());
        out.printf(
                "  Input       %s%n",
                stack.feedDescription().orElse("none; produce to the telemetry topic yourself"));
        out.printf("  Data        %s%n", stack.dataDir());
        out.flush();
    }

    private void printSummary(LocalStack stack) {
        out.print(stack.summary().format(ZoneId.systemDefault()));
        stack.feedOutcome().ifPresent(o -> out.println("   input     " + o));
        out.flush();
    }

    private int usageError(String message) {
        err.println("error: " + Preflight.firstLine(message) + " (try --help)");
        return USAGE_ERROR;
    }

    private int failure(String message) {
        err.println("error: " + Preflight.firstLine(message));
        return FAILED;
    }

    /**
     * Sends the log, including java.util.logging's (the PostgreSQL driver's), to {@code logFile}
     * and errors (with {@code verbose}: INFO and up) to stderr, unless the user configured log4j.
     * Must run before the first logger is created.
     */
    private static void configureLogging(Path logFile, boolean verbose) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty(
                    "java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        }
        System.setProperty("telemetry.local.log", logFile.toString());
        System.setProperty("telemetry.local.console", verbose ? "INFO" : "ERROR");
        // The Flink web UI shows this file under Job Manager > Logs.
        System.setProperty("log.file", logFile.toString());
    }
}
