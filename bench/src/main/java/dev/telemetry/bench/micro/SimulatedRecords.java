package dev.telemetry.bench.micro;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.Family;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Fixed-seed simulator output held in memory, the input of every microbenchmark. */
final class SimulatedRecords {

    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    private SimulatedRecords() {}

    /** Clean records (no bad data) of {@code devicesPerFamily} devices at 1 Hz, in event order. */
    static List<SimRecord> generate(Set<Family> families, int devicesPerFamily, int seconds) {
        List<SimRecord> records = new ArrayList<>();
        RecordSink collect =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void close() {}
                };
        try {
            new Simulation(
                            new SimulationOptions(
                                    42,
                                    families,
                                    devicesPerFamily,
                                    1.0,
                                    Duration.ofSeconds(seconds),
                                    START,
                                    SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                                    0))
                    .run(collect, label -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** The records decoded into the job's {@link Reading}s (all are valid: no bad data). */
    static List<Reading> readings(List<SimRecord> records) {
        List<Reading> readings = new ArrayList<>(records.size());
        for (SimRecord r : records) {
            DecodeResult decoded = TelemetryJson.decode(r.payload());
            if (decoded.isOk()) {
                readings.add(Reading.of(decoded.event()));
            }
        }
        return readings;
    }

    /** The largest power of two not above {@code n}, so that indexes wrap with a mask. */
    static int powerOfTwoAtMost(int n) {
        return Integer.highestOneBit(n);
    }
}
