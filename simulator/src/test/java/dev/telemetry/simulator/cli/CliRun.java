package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.SimulatorApp;
import dev.telemetry.simulator.replay.Ticker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/** Runs the simulator's command line in-process and captures its exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    /** Runs with the system clock and no progress lines. */
    public static CliRun run(String... args) {
        return run(Clock.systemUTC(), args);
    }

    public static CliRun run(Clock clock, String... args) {
        return run(new SimulatorApp(clock, Ticker.system(), Duration.ZERO), args);
    }

    /** Runs with the clock and ticker of {@code app}. */
    public static CliRun run(SimulatorApp app, String... args) {
        CommandLine commandLine = SimulatorApp.commandLine(app);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Non-empty stderr lines. */
    public List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
