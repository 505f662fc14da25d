package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.io.CountingSink;
import dev.telemetry.simulator.io.RecordFileReader;
import dev.telemetry.simulator.replay.Pacer;
import dev.telemetry.simulator.replay.Replayer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Streams a JSON Lines record file into Kafka, keeping the time gaps between records. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replay a JSON Lines file (from simulate --out, record or import; gzip detected)"
                    + " into Kafka, keeping the gaps between event times, scaled by --speed.",
            "Key = device_id and timestamp = event_time of each payload; payloads are sent"
                    + " byte for byte."
        })
public final class ReplayCommand extends CommandBase {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "The file to replay ('-' for stdin).")
    Path file;

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--speed",
            paramLabel = "FACTOR",
            description = "Time scale: 1 = real time, 10 = ten times faster (default: 1).")
    Double speed;

    @Option(names = "--max-speed", description = "Send as fast as possible, ignoring the gaps.")
    boolean maxSpeed;

    @Option(
            names = "--shift-to-now",
            description =
                    "Shift all times so the first record happens now: rewrites event_time in"
                            + " well-formed payloads and sets the record timestamps.")
    boolean shiftToNow;

    @Override
    protected int execute() throws Exception {
        if (!kafka.isSet()) {
            throw usage("missing required option: '--bootstrap-servers=HOST:PORT[,...]'");
        }
        if (speed != null && maxSpeed) {
            throw usage("--speed and --max-speed are mutually exclusive");
        }
        if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
            throw usage("--speed must be a positive number, not " + speed);
        }
        double factor = maxSpeed ? Pacer.MAX_SPEED : speed == null ? 1.0 : speed;
        // Open the file first: a missing file should not wait for a broker check.
        try (RecordFileReader reader = RecordFileReader.open(file, app().clock());
                // Closed after the output: the shutdown hook waits until the output is flushed.
                StopOnShutdown stop = StopOnShutdown.interruptingCurrentThread();
                Output output = Output.toKafka(kafka)) {
            CountingSink counting = new CountingSink(new InterruptibleSink(output));
            Replayer replayer =
                    new Replayer(new Pacer(factor, app().ticker()), shiftToNow, app().clock());
            long started = System.nanoTime();
            try (ProgressReporter ignored = progress(output, counting::count)) {
                replayer.replay(reader, counting);
            }
            output.close();
            info(
                    "replayed "
                            + ProgressReporter.summary(
                                    counting.count(), "records", System.nanoTime() - started)
                            + " from "
                            + file
                            + " to "
                            + output.description());
            return deliveryOutcome(output, counting.count());
        }
    }
}
