package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.SimulatorApp;
import dev.telemetry.simulator.kafka.KafkaUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Common ground of the subcommands: expected failures (unreachable broker, unreadable file, failed
 * deliveries) end as one line on stderr and a non-zero exit code, never a stack trace.
 */
abstract class CommandBase implements Callable<Integer> {

    @Spec CommandSpec spec;

    /** Runs the command; returns the exit code. */
    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (ParameterException e) {
            throw e;
        } catch (InterruptedIOException | InterruptedException e) {
            return fail("stopped", SimulatorApp.EXIT_INTERRUPTED);
        } catch (NoSuchFileException e) {
            return fail("no such file: " + e.getFile());
        } catch (AccessDeniedException e) {
            return fail("permission denied: " + e.getFile());
        } catch (KafkaUnavailableException e) {
            return fail(e.getMessage());
        } catch (IOException | KafkaException e) {
            return fail(oneLine(e));
        }
    }

    /** Prints one error line and returns the failure exit code. */
    protected int fail(String message) {
        return fail(message, SimulatorApp.EXIT_FAILURE);
    }

    private int fail(String message, int exitCode) {
        err().println(spec.qualifiedName() + ": " + message);
        err().flush();
        return exitCode;
    }

    /** A usage error: picocli prints it with a hint and exits with the usage code. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints an informational line to stderr (stdout may carry data). */
    protected void info(String message) {
        err().println(spec.qualifiedName() + ": " + message);
        err().flush();
    }

    protected SimulatorApp app() {
        return (SimulatorApp) spec.root().userObject();
    }

    protected ProgressReporter progress(Output output, LongSupplier sent) {
        return new ProgressReporter(
                err(), spec.qualifiedName(), sent, output::failed, app().progressInterval());
    }

    /** Opens the file or Kafka output chosen by the options, exactly one of which must be set. */
    protected Output openOutput(FileOutputOptions file, KafkaOptions kafka)
            throws IOException, KafkaUnavailableException {
        if (file.isSet() == kafka.isSet()) {
            throw usage("specify either --out FILE or --bootstrap-servers HOST:PORT");
        }
        return file.isSet() ? Output.toFile(file.out, file.gzip) : Output.toKafka(kafka);
    }

    /**
     * Reports delivery errors after the output is closed.
     *
     * @return the exit code: success, or failure if any record was not delivered
     */
    protected int deliveryOutcome(Output output, long sent) {
        if (output.failed() > 0) {
            return fail(
                    output.failed()
                            + " of "
                            + sent
                            + " records were not delivered; first error: "
                            + output.firstError());
        }
        return SimulatorApp.EXIT_OK;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
