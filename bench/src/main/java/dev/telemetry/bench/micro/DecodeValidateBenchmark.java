package dev.telemetry.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.validate.RecordValidator;
import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.Family;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The source's per-record work: {@link RecordValidator#validate} (decode with {@link
 * TelemetryJson#decode}, validate with the model's {@code EventValidator}, convert to the job's
 * {@code Reading}) against its parts and against Jackson's bare tree parse of the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeValidateBenchmark {

    private byte[][] payloads;
    private long[] timestamps;
    private int mask;
    private int next;
    private RecordValidator validator;

    @Setup
    public void setUp() {
        List<SimRecord> records = SimulatedRecords.generate(EnumSet.allOf(Family.class), 32, 128);
        int n = SimulatedRecords.powerOfTwoAtMost(records.size());
        payloads = new byte[n][];
        timestamps = new long[n];
        for (int i = 0; i < n; i++) {
            payloads[i] = records.get(i).payload();
            timestamps[i] = records.get(i).timestamp();
        }
        mask = n - 1;
        validator =
                new RecordValidator(
                        TelemetryJson.DEFAULT_MAX_RECORD_BYTES,
                        4096,
                        Duration.ofMinutes(5),
                        Duration.ofDays(7));
    }

    /** Baseline: Jackson's tree parse alone, what any JSON consumer pays. */
    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return TelemetryJson.mapper().readTree(payloads[next++ & mask]);
    }

    @Benchmark
    public DecodeResult decode() {
        return TelemetryJson.decode(
                payloads[next++ & mask], TelemetryJson.DEFAULT_MAX_RECORD_BYTES);
    }

    @Benchmark
    public IngestedRecord decodeAndValidate() {
        int i = next++ & mask;
        return validator.validate("telemetry", 0, i, timestamps[i], null, payloads[i], 0L);
    }
}
