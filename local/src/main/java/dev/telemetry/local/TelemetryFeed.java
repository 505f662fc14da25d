package dev.telemetry.local;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import dev.telemetry.simulator.io.RecordFileReader;
import dev.telemetry.simulator.kafka.KafkaRecordSink;
import dev.telemetry.simulator.replay.Pacer;
import dev.telemetry.simulator.replay.Replayer;
import dev.telemetry.simulator.replay.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the telemetry topic from a background thread: the simulator in real time, or a recording
 * replayed at its own pace and shifted to now, both through the simulator's own Kafka sink.
 */
final class TelemetryFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFeed.class);

    /** Event time simulated when local mode runs until stopped: far more than anyone waits. */
    private static final Duration UNBOUNDED = Duration.ofDays(365);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRecordSink sink;
    private final Thread thread;
    private final String description;
    private final AtomicLong anomaliesInjected = new AtomicLong();
    private final AtomicReference<String> outcome = new AtomicReference<>();
    private volatile boolean stopping;
    private boolean closed;

    private TelemetryFeed(KafkaRecordSink sink, String description, Work work) {
        this.sink = sink;
        this.description = description;
        this.thread = new Thread(() -> run(work), "telemetry-feed");
        // Never keeps the JVM alive on its own; close() joins it.
        thread.setDaemon(true);
    }

    /** What the feed thread does: sends records to {@code out}, labels to {@code labels}. */
    @FunctionalInterface
    private interface Work {
        String run(RecordSink out, Consumer<GroundTruthLabel> labels) throws IOException;
    }

    /** Simulates every family in real time, starting now. */
    static TelemetryFeed simulate(
            LocalSettings settings, String bootstrapServers, String topic, Clock clock) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SimulationOptions options =
                new SimulationOptions(
                        settings.seed(),
                        EnumSet.allOf(Family.class),
                        settings.devicesPerFamily(),
                        settings.rate(),
                        settings.duration().map(d -> d.plusMinutes(1)).orElse(UNBOUNDED),
                        start.toEpochMilli(),
                        settings.anomalyRate(),
                        settings.badRate());
        AnomalyPlan plan =
                new AnomalyPlan(EnumSet.allOf(AnomalyType.class), settings.earlyAnomalies());
        Simulation simulation = new Simulation(options, plan, EnumSet.allOf(BadDataType.class));
        String description =
                String.format(
                        "simulator: %d devices per family at %s events/s each, %s anomalies per"
                                + " device-hour, bad-data rate %s, seed %d",
                        settings.devicesPerFamily(),
                        trim(settings.rate()),
                        trim(settings.anomalyRate()),
                        trim(settings.badRate()),
                        settings.seed());
        KafkaRecordSink sink = KafkaRecordSink.create(bootstrapServers, topic);
        TelemetryFeed feed =
                new TelemetryFeed(
                        sink,
                        description,
                        (out, labels) -> {
                            Pacer pacer = new Pacer(1.0, Ticker.system());
                            pacer.startAt(options.startTimeMillis());
                            simulation.run(out, labels, pacer::awaitDue);
                            return "simulation ended";
                        });
        return feed.startThread();
    }

    /** Replays a JSON Lines record file, paced by its timestamps and shifted to now. */
    static TelemetryFeed replay(
            Path file, double speed, String bootstrapServers, String topic, Clock clock) {
        KafkaRecordSink sink = KafkaRecordSink.create(bootstrapServers, topic);
        TelemetryFeed feed =
                new TelemetryFeed(
                        sink,
                        "replay of " + file + " at speed " + trim(speed) + ", shifted to now",
                        (out, labels) -> {
                            try (RecordFileReader reader = RecordFileReader.open(file, clock)) {
                                long sent =
                                        new Replayer(new Pacer(speed, Ticker.system()), true, clock)
                                                .replay(reader, out);
                                return "replay finished: " + sent + " records sent";
                            }
                        });
        return feed.startThread();
    }

    private TelemetryFeed startThread() {
        thread.start();
        return this;
    }

    private void run(Work work) {
        RecordSink out =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) throws IOException {
                        // Replays at full speed never sleep, so check for a stop here too.
                        if (stopping || Thread.currentThread().isInterrupted()) {
                            throw new InterruptedIOException("stopped");
                        }
                        sink.send(record);
                    }

                    @Override
                    public void close() {}
                };
        try {
            String result =
                    work.run(
                            out,
                            label -> {
                                if (label.category() == GroundTruthLabel.Category.ANOMALY) {
                                    anomaliesInjected.incrementAndGet();
                                }
                            });
            outcome.set(result);
            LOG.info("Telemetry feed: {}", result);
        } catch (InterruptedIOException e) {
            outcome.set("stopped");
        } catch (IOException | RuntimeException e) {
            if (stopping) {
                outcome.set("stopped");
            } else {
                outcome.set("failed: " + Preflight.firstLine(String.valueOf(e.getMessage())));
                LOG.warn("Telemetry feed failed", e);
            }
        }
    }

    /** What feeds the topic, for the banner. */
    String description() {
        return description;
    }

    /** Records the brokers acknowledged. */
    long produced() {
        return sink.acknowledged();
    }

    /** Records that could not be delivered. */
    long deliveryFailures() {
        return sink.failed();
    }

    /** Injected anomalies that have ended (labels are emitted at their end). */
    long anomaliesInjected() {
        return anomaliesInjected.get();
    }

    /** How the feed ended, if it has. */
    Optional<String> outcome() {
        return Optional.ofNullable(outcome.get());
    }

    /** Stops sending, waits for the thread, then flushes and closes the producer. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        thread.interrupt();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Telemetry feed did not stop within {}", STOP_TIMEOUT);
        }
        sink.close();
        LOG.info(
                "Telemetry feed stopped: {} records acknowledged, {} failed",
                sink.acknowledged(),
                sink.failed());
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
