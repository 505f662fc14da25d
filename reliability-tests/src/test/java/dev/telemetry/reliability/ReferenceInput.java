package dev.telemetry.reliability;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.SimulationStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The deterministic input of the failure tests: a fixed-seed simulator run of every family with
 * every bad-data type, kept in memory in emission order.
 */
record ReferenceInput(SimulationOptions options, List<InputRecord> records, SimulationStats stats) {

    /** Event time of the first reading; Kafka record timestamps are event times. */
    static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    /**
     * 20 devices per family at 1 reading/s over 5 minutes of event time (very late records need a
     * stream older than 4 minutes), 4 % bad data.
     */
    static SimulationOptions defaultOptions() {
        return new SimulationOptions(
                20_240_101L,
                EnumSet.allOf(Family.class),
                20,
                1.0,
                Duration.ofMinutes(5),
                START,
                SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                0.04);
    }

    static ReferenceInput generate(SimulationOptions options) {
        List<InputRecord> records = new ArrayList<>();
        RecordSink sink =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) {
                        records.add(InputRecord.of(record));
                    }

                    @Override
                    public void close() {}
                };
        List<GroundTruthLabel> labels = new ArrayList<>();
        try {
            SimulationStats stats = new Simulation(options).run(sink, labels::add);
            return new ReferenceInput(options, List.copyOf(records), stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int devices() {
        return options.families().size() * options.devicesPerFamily();
    }
}
