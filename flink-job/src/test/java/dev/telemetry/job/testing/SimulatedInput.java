package dev.telemetry.job.testing;

import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.SimulationStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A simulator run kept in memory: records in emission order, labels and stats. */
public record SimulatedInput(
        List<SimRecord> records, List<GroundTruthLabel> labels, SimulationStats stats) {

    public static SimulatedInput generate(SimulationOptions options) {
        List<SimRecord> records = new ArrayList<>();
        List<GroundTruthLabel> labels = new ArrayList<>();
        RecordSink sink =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void close() {}
                };
        try {
            SimulationStats stats = new Simulation(options).run(sink, labels::add);
            return new SimulatedInput(List.copyOf(records), List.copyOf(labels), stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
