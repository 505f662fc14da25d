package dev.telemetry.bench;

import dev.telemetry.model.Family;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.SimulationStats;
import dev.telemetry.simulator.io.JsonlFileSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The fixed-seed simulator run every throughput figure reads: all four families at one reading per
 * device and second, with the simulator's default anomaly rate and 1 % bad data of every type, as a
 * JSON Lines file that the replay path then sends to Kafka.
 *
 * @param file the JSON Lines file
 * @param records records in it (readings plus injected duplicates and bad records)
 * @param devices distinct devices
 * @param generationSeconds how long the simulator took to write it
 */
record ThroughputInput(Path file, long records, int devices, double generationSeconds) {

    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    static final double BAD_RATE = 0.01;

    /** Simulates about {@code events} records from {@code devicesPerFamily} devices per family. */
    static ThroughputInput generate(Path file, long events, int devicesPerFamily)
            throws IOException {
        int devices = devicesPerFamily * Family.values().length;
        long seconds = Math.max(1, Math.round((double) events / devices));
        SimulationOptions options =
                new SimulationOptions(
                        42,
                        EnumSet.allOf(Family.class),
                        devicesPerFamily,
                        1.0,
                        Duration.ofSeconds(seconds),
                        START,
                        SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                        BAD_RATE);
        long started = System.nanoTime();
        SimulationStats stats;
        try (JsonlFileSink out = JsonlFileSink.open(file, false)) {
            stats = new Simulation(options).run(out, label -> {});
        }
        return new ThroughputInput(
                file, stats.records(), devices, (System.nanoTime() - started) / 1e9);
    }
}
