package dev.telemetry.reliability;

import static dev.telemetry.reliability.ReliabilityEnvironment.DB_USER;
import static dev.telemetry.reliability.ReliabilityEnvironment.PARTITIONS;
import static dev.telemetry.reliability.ReliabilityReport.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.cluster.CheckpointStats;
import dev.telemetry.cluster.JobStatus;
import dev.telemetry.model.Family;
import dev.telemetry.reliability.FuzzCorpus.FuzzClass;
import dev.telemetry.simulator.SimulationOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mixes a corpus of bad input (every class in {@link FuzzCorpus}, plus a duplicate storm and very
 * late readings) into clean background traffic, streams it through the running job and checks that
 * every bad record reached {@code rejected_events} with the reason its class expects, duplicates
 * and late readings were counted, and the job never restarted while checkpoints kept completing.
 */
@ExtendWith(ReliabilityEnvironment.Resolver.class)
class BadInputFuzzE2ECase {

    private static final Duration PACE = Duration.ofSeconds(25);
    private static final String DUPLICATE_STORM = "duplicate storm";
    private static final String VERY_LATE = "very late readings";
    private static final String LATE_DEVICE_ON_TIME = "late device, on time";

    /** Clean traffic that the bad records are mixed into; it moves the watermarks on. */
    private static SimulationOptions background() {
        return new SimulationOptions(
                7_777L,
                EnumSet.allOf(Family.class),
                5,
                1.0,
                Duration.ofMinutes(3),
                ReferenceInput.START,
                SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                0.0);
    }

    /** The input: background and bad records, with the class of each bad record. */
    private record FuzzInput(List<InputRecord> records, List<String> classOf, int background) {}

    /** What the job did with one class. */
    private record ClassResult(
            String name, String expected, int records, long observed, String detail) {
        boolean ok() {
            return observed == records;
        }
    }

    @Test
    void shouldRouteEveryBadRecordToItsTableWithoutRestartingTheJob(ReliabilityEnvironment env)
            throws Exception {
        long started = System.nanoTime();
        List<FuzzClass> classes = FuzzCorpus.rejectedClasses();
        FuzzInput input = mix(ReferenceInput.generate(background()).records(), classes);

        long[] offsets;
        CheckpointStats first;
        CheckpointStats last;
        long restarts;
        List<String> exceptions;
        JobStatus beforeDrain;
        JobRun run;
        try (PacedRun paced = PacedRun.start(env, "fuzz", env.postgres(), input.records(), PACE)) {
            run = paced.run();
            String jobId = paced.jobId();
            first = env.cluster().checkpointStats(jobId);
            offsets = paced.awaitInputConsumed();
            last = env.cluster().checkpointStats(jobId);
            beforeDrain = env.cluster().jobStatus(jobId);
            restarts = env.control().numRestarts(jobId);
            exceptions = env.control().exceptions(jobId);
            paced.drain();
        }

        List<ClassResult> results = new ArrayList<>();
        Map<String, String> rejected = rejectedReasons(run);
        Map<String, Integer> rejectedPerClass = new HashMap<>();
        for (FuzzClass fuzzClass : classes) {
            int records = 0;
            long matched = 0;
            Map<String, Integer> seen = new TreeMap<>();
            for (int i = 0; i < input.records().size(); i++) {
                if (fuzzClass.name().equals(input.classOf().get(i))) {
                    records++;
                    String at = input.records().get(i).partition(PARTITIONS) + "@" + offsets[i];
                    String reason = rejected.getOrDefault(at, "not in rejected_events");
                    seen.merge(reason, 1, Integer::sum);
                    if (fuzzClass.reason().name().equals(reason)) {
                        matched++;
                    }
                }
            }
            rejectedPerClass.put(fuzzClass.name(), records);
            results.add(
                    new ClassResult(
                            fuzzClass.name(),
                            "rejected " + fuzzClass.reason(),
                            records,
                            matched,
                            seen.toString()));
        }
        Map<String, Long> accepted = acceptedPerDevice(run);
        long duplicates =
                count(run, "duplicate_events", "duplicate_count", FuzzCorpus.DUPLICATE_DEVICE);
        long late = count(run, "late_events", "late_count", FuzzCorpus.LATE_DEVICE);
        results.add(
                new ClassResult(
                        DUPLICATE_STORM,
                        "1 accepted, the rest in duplicate_events",
                        FuzzCorpus.DUPLICATE_COPIES - 1,
                        duplicates,
                        "accepted "
                                + accepted.getOrDefault(FuzzCorpus.DUPLICATE_DEVICE, 0L)
                                + " of "
                                + FuzzCorpus.DUPLICATE_COPIES
                                + " copies"));
        results.add(
                new ClassResult(
                        VERY_LATE,
                        "counted in late_events",
                        FuzzCorpus.LATE_READINGS,
                        late,
                        FuzzCorpus.LATENESS.toSeconds()
                                + " s behind the stream; the device's "
                                + FuzzCorpus.LATE_ON_TIME
                                + " on-time readings accepted: "
                                + accepted.getOrDefault(FuzzCorpus.LATE_DEVICE, 0L)));
        long totalRejected = rejected.size();
        int expectedRejected = rejectedPerClass.values().stream().mapToInt(Integer::intValue).sum();
        long acceptedTotal = accepted.values().stream().mapToLong(Long::longValue).sum();

        report(
                results,
                input,
                totalRejected,
                acceptedTotal,
                first,
                last,
                restarts,
                exceptions,
                started);

        assertThat(classes.size() + 2).as("classes of bad input").isGreaterThanOrEqualTo(20);
        assertThat(results)
                .allSatisfy(
                        r ->
                                assertThat(r.observed())
                                        .as("%s: %s (%s)", r.name(), r.expected(), r.detail())
                                        .isEqualTo(r.records()));
        assertThat(totalRejected).as("rows in rejected_events").isEqualTo(expectedRejected);
        assertThat(accepted.get(FuzzCorpus.DUPLICATE_DEVICE)).isEqualTo(1L);
        assertThat(accepted.get(FuzzCorpus.LATE_DEVICE)).isEqualTo((long) FuzzCorpus.LATE_ON_TIME);
        assertThat(acceptedTotal)
                .as(
                        "accepted readings: background + 1 duplicated + on-time readings of the late device")
                .isEqualTo(input.background() + 1L + FuzzCorpus.LATE_ON_TIME);
        assertThat(restarts).as("job restarts (numRestarts)").isZero();
        assertThat(exceptions).as("the job's exception history").isEmpty();
        assertThat(last.restored()).as("checkpoint restores").isZero();
        assertThat(last.failed() - first.failed())
                .as("checkpoints failed after the first one completed")
                .isZero();
        assertThat(last.completed() - first.completed())
                .as("checkpoints completed while the bad input streamed in")
                .isGreaterThanOrEqualTo(5);
        assertThat(beforeDrain.allTasksRunning()).as(beforeDrain.describe()).isTrue();
    }

    /**
     * Spreads the rejected classes' records evenly over the background, inserts the duplicate storm
     * in the middle, the late device's on-time readings early and its late readings near the end
     * (once the stream is older than the lateness plus a window). Each bad record gets the Kafka
     * timestamp of the background record before it.
     */
    private static FuzzInput mix(List<InputRecord> background, List<FuzzClass> classes) {
        int n = background.size();
        Map<Integer, List<Map.Entry<String, LongFunction<InputRecord>>>> inserts = new HashMap<>();
        List<Map.Entry<String, LongFunction<InputRecord>>> rejected = new ArrayList<>();
        for (FuzzClass fuzzClass : classes) {
            fuzzClass.records().forEach(r -> rejected.add(Map.entry(fuzzClass.name(), r)));
        }
        for (int j = 0; j < rejected.size(); j++) {
            insert(inserts, (int) (n * (0.05 + 0.8 * j / rejected.size())), rejected.get(j));
        }
        for (int copy = 0; copy < FuzzCorpus.DUPLICATE_COPIES; copy++) {
            // The first copy is the original: accepted, not a duplicate.
            String name = copy == 0 ? FuzzCorpus.DUPLICATE_DEVICE : DUPLICATE_STORM;
            insert(
                    inserts,
                    n / 2,
                    Map.entry(
                            name,
                            ts ->
                                    new InputRecord(
                                            FuzzCorpus.DUPLICATE_DEVICE,
                                            ts,
                                            FuzzCorpus.validReading(
                                                    FuzzCorpus.DUPLICATE_DEVICE, ts, 1))));
        }
        for (int k = 0; k < FuzzCorpus.LATE_ON_TIME; k++) {
            long seq = k + 1;
            insert(
                    inserts,
                    (int) (n * (0.1 + 0.15 * k)),
                    Map.entry(
                            LATE_DEVICE_ON_TIME,
                            ts ->
                                    new InputRecord(
                                            FuzzCorpus.LATE_DEVICE,
                                            ts,
                                            FuzzCorpus.validReading(
                                                    FuzzCorpus.LATE_DEVICE, ts, seq))));
        }
        long lateness = FuzzCorpus.LATENESS.toMillis();
        for (int k = 0; k < FuzzCorpus.LATE_READINGS; k++) {
            long seq = FuzzCorpus.LATE_ON_TIME + k + 1;
            insert(
                    inserts,
                    (int) (n * (0.92 + 0.006 * k)),
                    Map.entry(
                            VERY_LATE,
                            ts ->
                                    new InputRecord(
                                            FuzzCorpus.LATE_DEVICE,
                                            ts,
                                            FuzzCorpus.validReading(
                                                    FuzzCorpus.LATE_DEVICE, ts - lateness, seq))));
        }
        List<InputRecord> records = new ArrayList<>();
        List<String> classOf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InputRecord record = background.get(i);
            records.add(record);
            classOf.add(null);
            for (Map.Entry<String, LongFunction<InputRecord>> bad :
                    inserts.getOrDefault(i, List.of())) {
                records.add(bad.getValue().apply(record.timestamp()));
                classOf.add(bad.getKey());
            }
        }
        return new FuzzInput(records, classOf, n);
    }

    private static void insert(
            Map<Integer, List<Map.Entry<String, LongFunction<InputRecord>>>> inserts,
            int position,
            Map.Entry<String, LongFunction<InputRecord>> record) {
        inserts.computeIfAbsent(position, p -> new ArrayList<>()).add(record);
    }

    /** {@code partition@offset} → reason of every row of rejected_events. */
    private static Map<String, String> rejectedReasons(JobRun run) throws Exception {
        Map<String, String> reasons = new HashMap<>();
        try (Connection connection = TableDiff.connect(run.jdbcUrl(), DB_USER);
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT source_partition, source_offset, reason FROM rejected_events")) {
            while (rs.next()) {
                reasons.put(rs.getInt(1) + "@" + rs.getLong(2), rs.getString(3));
            }
        }
        return reasons;
    }

    private static Map<String, Long> acceptedPerDevice(JobRun run) throws Exception {
        Map<String, Long> accepted = new LinkedHashMap<>();
        try (Connection connection = TableDiff.connect(run.jdbcUrl(), DB_USER);
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT device_id, sum(reading_count)::bigint FROM device_windows"
                                        + " GROUP BY device_id")) {
            while (rs.next()) {
                accepted.put(rs.getString(1), rs.getLong(2));
            }
        }
        return accepted;
    }

    private static long count(JobRun run, String table, String column, String device)
            throws Exception {
        try (Connection connection = TableDiff.connect(run.jdbcUrl(), DB_USER);
                PreparedStatement ps =
                        connection.prepareStatement(
                                "SELECT coalesce(sum("
                                        + column
                                        + "), 0)::bigint FROM "
                                        + table
                                        + " WHERE device_id = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void report(
            List<ClassResult> results,
            FuzzInput input,
            long totalRejected,
            long acceptedTotal,
            CheckpointStats first,
            CheckpointStats last,
            long restarts,
            List<String> exceptions,
            long started) {
        List<List<String>> rows = new ArrayList<>();
        for (ClassResult r : results) {
            rows.add(
                    List.of(
                            r.name(),
                            Integer.toString(r.records()),
                            r.expected(),
                            Long.toString(r.observed()),
                            r.ok() ? "yes" : "**NO**",
                            r.detail()));
        }
        ReliabilityReport.section(
                "5 fuzz",
                "## (d) Bad-input fuzz corpus (`BadInputFuzzE2ECase`)\n\n"
                        + results.size()
                        + " classes, "
                        + (input.records().size() - input.background())
                        + " bad or special records mixed into "
                        + input.background()
                        + " clean background records, produced evenly over "
                        + seconds(PACE)
                        + ".\n\n"
                        + ReliabilityReport.table(
                                List.of(
                                        "class",
                                        "records",
                                        "expected",
                                        "observed",
                                        "ok",
                                        "outcomes seen"),
                                rows)
                        + String.format(
                                "%nrejected_events rows: %d; accepted readings: %d; job restarts"
                                        + " (numRestarts): %d; exception history entries: %d;"
                                        + " checkpoints completed while the input streamed in: %d"
                                        + " (failed %d, restored %d).%n%nCase duration: %s.",
                                totalRejected,
                                acceptedTotal,
                                restarts,
                                exceptions.size(),
                                last.completed() - first.completed(),
                                last.failed() - first.failed(),
                                last.restored(),
                                seconds(System.nanoTime() - started)));
    }
}
