package dev.telemetry.simulator.cli;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.model.label.LabelsJsonl;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.SimulationStats;
import dev.telemetry.simulator.io.CountingSink;
import dev.telemetry.simulator.replay.Pacer;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Generates telemetry. Into a file, the whole event-time span is written as fast as possible; into
 * Kafka, records are sent when their event time comes (unless {@code --max-speed}).
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Generate deterministic telemetry with labelled anomalies and bad data.",
            "To a file: the whole duration as fast as possible. To Kafka: in real time, or"
                    + " as fast as possible with --max-speed."
        })
public final class SimulateCommand extends CommandBase {

    static final long DEFAULT_SEED = 42;

    @Option(
            names = "--seed",
            defaultValue = "" + DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--families",
            split = ",",
            paramLabel = "FAMILY",
            converter = FamilyConverter.class,
            description =
                    "Comma-separated families (default: all of engine,vehicle,flight,energy).")
    List<Family> families;

    @Option(
            names = "--devices",
            defaultValue = "5",
            paramLabel = "N",
            description = "Devices per family (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--rate",
            defaultValue = "1",
            paramLabel = "EVENTS",
            description = "Events per device per second of event time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description =
                    "Event-time span, e.g. 500ms, 60s, 10m, 1h, PT1M (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--start",
            converter = InstantConverter.class,
            paramLabel = "INSTANT",
            description = "Event time of the first tick, ISO-8601 (default: now, to the second).")
    Instant start;

    @Option(
            names = "--anomaly-rate",
            defaultValue = "" + SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
            paramLabel = "PER_HOUR",
            description = "Expected anomalies per device per hour (default: ${DEFAULT-VALUE}).")
    double anomalyRate;

    @Option(
            names = "--bad-rate",
            defaultValue = "0",
            paramLabel = "FRACTION",
            description =
                    "Fraction of records corrupted with bad data, 0..1 (default: ${DEFAULT-VALUE}).")
    double badRate;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Write ground-truth labels (JSON Lines) to FILE.")
    Path labels;

    @Mixin FileOutputOptions file;

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--max-speed",
            description = "To Kafka: send as fast as possible instead of in real time.")
    boolean maxSpeed;

    @Override
    protected int execute() throws Exception {
        SimulationOptions options = options();
        Simulation simulation = new Simulation(options);
        // Declared first so it is closed last: the shutdown hook waits until outputs are closed.
        try (StopOnShutdown stop = StopOnShutdown.interruptingCurrentThread();
                Output output = openOutput(file, kafka);
                LabelWriter labelWriter = LabelWriter.open(labels)) {
            CountingSink sink = new CountingSink(new InterruptibleSink(output));
            Simulation.EmissionClock emissionClock = Simulation.EmissionClock.UNPACED;
            if (output.isKafka() && !maxSpeed) {
                Pacer pacer = new Pacer(1.0, app().ticker());
                pacer.startAt(options.startTimeMillis());
                emissionClock = pacer::awaitDue;
                info(
                        "sending "
                                + duration
                                + " of event time from "
                                + Instant.ofEpochMilli(options.startTimeMillis())
                                + " in real time to "
                                + output.description()
                                + " (--max-speed sends at once)");
            }
            long started = System.nanoTime();
            SimulationStats stats;
            try (ProgressReporter ignored = progress(output, sink::count)) {
                stats = simulation.run(sink, labelWriter, emissionClock);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            output.close();
            labelWriter.close();
            info(
                    "wrote "
                            + ProgressReporter.summary(
                                    sink.count(), "records", System.nanoTime() - started)
                            + " to "
                            + output.description()
                            + "; "
                            + stats.badRecordsTotal()
                            + " bad records, "
                            + stats.anomaliesTotal()
                            + " anomalies"
                            + (labels == null ? "" : "; labels in " + labels));
            return deliveryOutcome(output, sink.count());
        }
    }

    private SimulationOptions options() {
        Set<Family> selected =
                families == null || families.isEmpty()
                        ? EnumSet.allOf(Family.class)
                        : EnumSet.copyOf(families);
        Instant first =
                start != null ? start : app().clock().instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            return new SimulationOptions(
                    seed,
                    selected,
                    devices,
                    rate,
                    duration,
                    first.toEpochMilli(),
                    anomalyRate,
                    badRate);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Streams labels to a JSON Lines file as the simulation produces them. */
    private static final class LabelWriter implements Consumer<GroundTruthLabel>, AutoCloseable {
        private final BufferedWriter writer;

        private LabelWriter(BufferedWriter writer) {
            this.writer = writer;
        }

        static LabelWriter open(Path file) throws IOException {
            if (file == null) {
                return new LabelWriter(null);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // A file stream, not an NIO channel: an interrupt (Ctrl-C) must not close it.
            return new LabelWriter(
                    new BufferedWriter(
                            new OutputStreamWriter(
                                    new FileOutputStream(file.toFile()), StandardCharsets.UTF_8)));
        }

        @Override
        public void accept(GroundTruthLabel label) {
            if (writer == null) {
                return;
            }
            try {
                writer.write(LabelsJsonl.toLine(label));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
