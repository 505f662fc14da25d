package dev.telemetry.simulator;

import dev.telemetry.simulator.cli.ImportCommand;
import dev.telemetry.simulator.cli.RecordCommand;
import dev.telemetry.simulator.cli.ReplayCommand;
import dev.telemetry.simulator.cli.ShortUsageErrorHandler;
import dev.telemetry.simulator.cli.SimulateCommand;
import dev.telemetry.simulator.replay.Ticker;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The simulator's command line: generate telemetry, record a topic, replay a file, import public
 * data sets. Holds the clock, ticker and progress interval that the subcommands use, so tests can
 * inject their own.
 */
@Command(
        name = "simulator",
        mixinStandardHelpOptions = true,
        versionProvider = SimulatorApp.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Telemetry simulator: generate, record, replay and import telemetry.",
        subcommands = {
            SimulateCommand.class,
            RecordCommand.class,
            ReplayCommand.class,
            ImportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SimulatorApp implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERRUPTED = 130;

    private static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final Clock clock;
    private final Ticker ticker;
    private final Duration progressInterval;

    @Spec CommandSpec spec;

    public SimulatorApp() {
        this(Clock.systemUTC(), Ticker.system(), DEFAULT_PROGRESS_INTERVAL);
    }

    /**
     * @param clock wall clock (default start time, shift-to-now, recording limits)
     * @param ticker monotonic clock and sleeper for pacing
     * @param progressInterval time between progress lines; zero disables them
     */
    public SimulatorApp(Clock clock, Ticker ticker, Duration progressInterval) {
        this.clock = clock;
        this.ticker = ticker;
        this.progressInterval = progressInterval;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new SimulatorApp()).execute(args));
    }

    /** A command line with short one-line usage errors, as {@link #main} runs it. */
    public static CommandLine commandLine(SimulatorApp app) {
        return new CommandLine(app).setParameterExceptionHandler(new ShortUsageErrorHandler());
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "missing command: simulate, record, replay or import");
    }

    public Clock clock() {
        return clock;
    }

    public Ticker ticker() {
        return ticker;
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SimulatorApp.class.getPackage().getImplementationVersion();
            return new String[] {"simulator " + (version == null ? "(development)" : version)};
        }
    }
}
