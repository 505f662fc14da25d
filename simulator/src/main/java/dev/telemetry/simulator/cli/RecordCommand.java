package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.io.CountingSink;
import dev.telemetry.simulator.io.JsonlFileSink;
import dev.telemetry.simulator.kafka.KafkaClients;
import dev.telemetry.simulator.kafka.KafkaPreflight;
import dev.telemetry.simulator.kafka.TopicRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Captures a Kafka topic into a JSON Lines file that {@code replay} can play back. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Record a Kafka topic (all partitions, merged by timestamp) into a JSON Lines file"
                    + " that replay plays back.",
            "Stops after --duration, --max-records, or --idle without new records (default:"
                    + " 5s idle unless --duration is given)."
        })
public final class RecordCommand extends CommandBase {

    static final Duration DEFAULT_IDLE = Duration.ofSeconds(5);

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "File to write ('-' for stdout); '.gz' compresses.")
    Path out;

    @Option(names = "--gzip", description = "Gzip the output regardless of the file name.")
    boolean gzip;

    @Option(
            names = "--from-now",
            description = "Record only records produced from now on (default: from the earliest).")
    boolean fromNow;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "Stop after this wall-clock time, e.g. 30s, 5m.")
    Duration duration;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    long maxRecords;

    @Option(
            names = "--idle",
            converter = DurationConverter.class,
            description = "Stop after this long without a new record; 0 disables.")
    Duration idle;

    @Override
    protected int execute() throws Exception {
        if (!kafka.isSet()) {
            throw usage("missing required option: '--bootstrap-servers=HOST:PORT[,...]'");
        }
        if (maxRecords < 0) {
            throw usage("--max-records must not be negative");
        }
        Duration idleLimit = idle != null ? idle : duration == null ? DEFAULT_IDLE : null;
        if (idleLimit != null && (idleLimit.isZero() || idleLimit.isNegative())) {
            idleLimit = null;
        }
        if (duration == null && maxRecords == 0 && idleLimit == null) {
            throw usage("--idle 0 needs --duration or --max-records, or recording never ends");
        }
        TopicRecorder.Limits limits = new TopicRecorder.Limits(duration, maxRecords, idleLimit);

        new KafkaPreflight(kafka.bootstrapServers, KafkaClients.CONNECT_TIMEOUT)
                .check(kafka.topic, false);
        try (TopicRecorder recorder =
                        TopicRecorder.create(kafka.bootstrapServers, kafka.topic, app().clock());
                // Closed after the file: the shutdown hook waits until the file is complete.
                StopOnShutdown stop = new StopOnShutdown(recorder::requestStop);
                CountingSink sink = new CountingSink(JsonlFileSink.open(out, gzip));
                ProgressReporter ignored =
                        new ProgressReporter(
                                err(),
                                spec.qualifiedName(),
                                sink::count,
                                () -> 0,
                                app().progressInterval())) {
            long started = System.nanoTime();
            TopicRecorder.Result result = recorder.record(fromNow, limits, sink);
            sink.close();
            info(
                    "recorded "
                            + ProgressReporter.summary(
                                    result.written(), "records", System.nanoTime() - started)
                            + " from topic "
                            + kafka.topic
                            + " to "
                            + out
                            + " (stopped: "
                            + result.reason().name().toLowerCase(Locale.ROOT)
                            + ")");
            if (result.skipped() > 0) {
                info(
                        result.skipped()
                                + " records skipped: empty values or line breaks cannot be"
                                + " stored as one line");
            }
            if (result.notDerivable() > 0) {
                info(
                        result.notDerivable()
                                + " records have a key or timestamp that differs from their"
                                + " payload's device_id/event_time; replay will use the payload's");
            }
            return 0;
        }
    }
}
