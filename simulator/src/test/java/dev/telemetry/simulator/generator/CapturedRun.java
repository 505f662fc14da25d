package dev.telemetry.simulator.generator;

import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.Family;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.model.label.LabelsJsonl;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.SimulationStats;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A simulation run captured in memory, with the views the simulator's tests need. */
public final class CapturedRun {

    /** Midnight UTC at the June solstice: day at some energy sites, night at others. */
    public static final long START = Instant.parse("2024-06-21T00:00:00Z").toEpochMilli();

    /** A bad-data label with the record it describes. */
    public record BadRecord(GroundTruthLabel label, SimRecord record, int index) {}

    private final List<SimRecord> records = new ArrayList<>();
    private final List<GroundTruthLabel> labels = new ArrayList<>();
    private final List<BadRecord> badRecords = new ArrayList<>();
    private final SimulationStats stats;

    private CapturedRun(Simulation simulation) {
        RecordSink sink =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void close() {}
                };
        List<Integer> badLabelPositions = new ArrayList<>();
        try {
            stats =
                    simulation.run(
                            sink,
                            label -> {
                                labels.add(label);
                                if (label.category() == GroundTruthLabel.Category.BAD_DATA) {
                                    // A bad-data label arrives just before its record.
                                    badLabelPositions.add(records.size());
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int next = 0;
        for (GroundTruthLabel label : labels) {
            if (label.category() == GroundTruthLabel.Category.BAD_DATA) {
                int index = badLabelPositions.get(next++);
                badRecords.add(new BadRecord(label, records.get(index), index));
            }
        }
    }

    public static SimulationOptions options(
            long seed,
            Set<Family> families,
            int devicesPerFamily,
            Duration duration,
            double anomaliesPerDeviceHour,
            double badRate) {
        return new SimulationOptions(
                seed,
                families,
                devicesPerFamily,
                1.0,
                duration,
                START,
                anomaliesPerDeviceHour,
                badRate);
    }

    /** One family, no anomalies, no bad data: the physics alone. */
    public static CapturedRun clean(Family family, int devices, Duration duration) {
        return of(options(7, EnumSet.of(family), devices, duration, 0, 0));
    }

    public static CapturedRun of(SimulationOptions options) {
        return new CapturedRun(new Simulation(options));
    }

    public static CapturedRun of(
            SimulationOptions options, AnomalyPlan plan, Set<BadDataType> badDataTypes) {
        return new CapturedRun(new Simulation(options, plan, badDataTypes));
    }

    public List<SimRecord> records() {
        return records;
    }

    /** Every label, in the order the simulation delivered them. */
    public List<GroundTruthLabel> labels() {
        return labels;
    }

    public List<GroundTruthLabel> anomalies() {
        return labels.stream()
                .filter(l -> l.category() == GroundTruthLabel.Category.ANOMALY)
                .toList();
    }

    public List<BadRecord> badRecords() {
        return badRecords;
    }

    public SimulationStats stats() {
        return stats;
    }

    /**
     * The records without a bad-data label, decoded, per device (sorted by id) in emission order;
     * fails if one does not decode.
     */
    public Map<String, List<TelemetryEvent>> normalEventsByDevice() {
        Set<Integer> bad = new HashSet<>();
        badRecords.forEach(b -> bad.add(b.index()));
        Map<String, List<TelemetryEvent>> byDevice = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            if (bad.contains(i)) {
                continue;
            }
            DecodeResult decoded = TelemetryJson.decode(records.get(i).payload());
            if (!decoded.isOk()) {
                throw new IllegalStateException(
                        "normal record " + i + " rejected: " + decoded.rejection());
            }
            byDevice.computeIfAbsent(records.get(i).key(), k -> new ArrayList<>())
                    .add(decoded.event());
        }
        return byDevice;
    }

    /** The normal events of all devices in one list. */
    public List<TelemetryEvent> normalEvents() {
        return normalEventsByDevice().values().stream().flatMap(List::stream).toList();
    }

    /** Records as key, timestamp and payload lines, for byte-for-byte comparison of runs. */
    public byte[] recordBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SimRecord record : records) {
            out.writeBytes(
                    (record.key() + "\t" + record.timestamp() + "\t")
                            .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(record.payload());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Labels as JSON Lines. */
    public String labelLines() {
        StringBuilder lines = new StringBuilder();
        labels.forEach(l -> lines.append(LabelsJsonl.toLine(l)).append('\n'));
        return lines.toString();
    }
}
