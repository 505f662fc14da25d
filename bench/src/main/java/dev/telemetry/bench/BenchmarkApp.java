package dev.telemetry.bench;

import dev.telemetry.job.config.JobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code bench/run}: measures every figure of the benchmark issue against a baseline
 * taken in the same run, judges the targets and writes {@code bench/results/<date>.json}, {@code
 * <date>.md} and {@code latest.md}. A section that fails is reported as failed; the others still
 * run.
 */
@Command(
        name = "bench/run",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks the pipeline: throughput, latency, state, sink, replay, JMH; writes"
                        + " bench/results/<date>.{json,md} and latest.md.")
public final class BenchmarkApp implements Callable<Integer> {

    /** The budget for one run, build excluded. */
    static final Duration BUDGET = Duration.ofMinutes(14);

    static final String TOPIC = "bench-telemetry";
    static final int WARMUP_SECONDS = 20;
    static final int PARTITIONS = 4;

    @Option(names = "--events", defaultValue = "1000000", description = "Throughput input size.")
    long events;

    @Option(
            names = "--devices-per-family",
            defaultValue = "1000",
            description = "Devices per family in the throughput input (1 reading/s each).")
    int devicesPerFamily;

    @Option(
            names = "--job-seconds-max",
            defaultValue = "120",
            description = "Time cap of each throughput job run; a slower run is cut short.")
    int jobSecondsMax;

    @Option(
            names = "--no-object-reuse",
            description = "Run every job with Flink object reuse off (before/after comparisons).")
    boolean noObjectReuse;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10 s",
            description =
                    "job.checkpoint-interval of the throughput jobs (the job's default: 10 s).")
    String checkpointInterval;

    @Option(names = "--latency-rate", defaultValue = "20000", description = "Events/s.")
    int latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "25", description = "Per configuration.")
    int latencySeconds;

    @Option(names = "--state-devices", defaultValue = "100000")
    int stateDevices;

    @Option(
            names = "--state-seconds",
            defaultValue = "4",
            description = "Seconds of event time (one reading per device and second).")
    int stateSeconds;

    @Option(names = "--sink-rows", defaultValue = "100000")
    int sinkRows;

    @Option(names = "--jmh-forks", defaultValue = "1")
    int jmhForks;

    @Option(names = "--jmh-warmups", defaultValue = "3")
    int jmhWarmups;

    @Option(names = "--jmh-iterations", defaultValue = "5")
    int jmhIterations;

    @Option(names = "--jmh-seconds", defaultValue = "2", description = "Per iteration.")
    int jmhSeconds;

    @Option(
            names = "--skip",
            split = ",",
            description = "Sections to skip: replay, throughput, sink, state, latency, jmh.")
    Set<String> skip = Set.of();

    @Option(names = "--results", defaultValue = "bench/results", description = "Output directory.")
    Path results;

    private final long started = System.nanoTime();
    private final Report report = new Report();

    public static void main(String[] args) {
        Path results = Path.of("bench/results");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--results")) {
                results = Path.of(args[i + 1]);
            }
        }
        // Before anything logs: the log file lives in the work directory.
        System.setProperty("bench.log", results.resolve("tmp/bench.log").toString());
        System.exit(new CommandLine(new BenchmarkApp()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = results.resolve("tmp");
        cleanWorkDir(work);
        settings();
        progress(
                "machine: %s, %d cores, %d MB, load %.1f",
                report.machine.cpuModel(),
                report.machine.cores(),
                report.machine.ramMb(),
                report.loadAtStart[0]);
        try (BenchInfra infra = BenchInfra.start()) {
            progress("Kafka at %s and PostgreSQL started", infra.bootstrapServers());
            ThroughputInput input = null;
            if (!(skipped("replay") && skipped("throughput"))) {
                input = section("input", () -> generateInput(work));
            }
            ThroughputInput in = input;
            boolean filled =
                    in != null && Boolean.TRUE.equals(section("replay", () -> replay(infra, in)));
            if (filled && !skipped("throughput")) {
                section("throughput", () -> throughput(infra, work, in));
            }
            if (!skipped("sink")) {
                section("sink", () -> sink(infra));
            }
            if (!skipped("state")) {
                section("state", () -> state(infra, work));
            }
            if (!skipped("latency")) {
                section("latency", () -> latency(infra, work));
            }
        }
        if (!skipped("jmh")) {
            section("jmh", this::jmh);
        }
        Targets.judge(report);
        report.finishedAt = Instant.now();
        report.loadAtEnd = MachineInfo.loadAverage();
        report.settings.put("run_seconds", Math.round(elapsedSeconds()));
        LocalDate date = LocalDate.now();
        ReportWriter.write(report, results, date.toString());
        progress("wrote %s", results.resolve(date + ".md"));
        return report.failures.isEmpty() ? 0 : 1;
    }

    private void settings() {
        Map<String, Object> s = report.settings;
        s.put("throughput_events_requested", events);
        s.put("throughput_devices", devicesPerFamily * 4);
        s.put("topic_partitions", PARTITIONS);
        s.put("latency_rate_requested", latencyRate);
        s.put("latency_seconds_per_config", latencySeconds);
        s.put("state_devices", stateDevices);
        s.put("state_event_time_seconds", stateSeconds);
        s.put("sink_rows", sinkRows);
        s.put(
                "jmh",
                new MicroBenchmarks.Settings(jmhForks, jmhWarmups, jmhIterations, jmhSeconds)
                        .describe());
        s.put("jvm_max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        s.put("throughput_job_cap_seconds", jobSecondsMax);
        s.put("throughput_checkpoint_interval", checkpointInterval);
        if (noObjectReuse) {
            s.put("experiment_object_reuse_off", true);
            BenchCluster.disableObjectReuse = true;
        }
    }

    // ---------------------------------------------------------------- sections

    private ThroughputInput generateInput(Path work) throws IOException {
        ThroughputInput input =
                ThroughputInput.generate(work.resolve("input.jsonl"), events, devicesPerFamily);
        report.settings.put("throughput_records", input.records());
        report.settings.put(
                "input_file_mb", Math.round(Files.size(input.file()) / (1024.0 * 1024.0)));
        progress(
                "simulated %,d records of %,d devices in %.1f s",
                input.records(), input.devices(), input.generationSeconds());
        return input;
    }

    private Boolean replay(BenchInfra infra, ThroughputInput input) throws IOException {
        infra.createTopic(TOPIC, PARTITIONS);
        infra.createTopic("bench-producer-baseline", PARTITIONS);
        long baselineCount = Math.min(input.records(), 500_000);
        double baseline =
                ReplayBenchmark.bareProducer(
                        input, infra.bootstrapServers(), "bench-producer-baseline", baselineCount);
        progress("bare producer: %,.0f events/s", baseline);
        double replay = ReplayBenchmark.replay(input, infra.bootstrapServers(), TOPIC);
        progress("replay: %,.0f events/s", replay);
        report.add(
                new Figure(
                        "replay",
                        "simulator replay, JSONL file → Kafka at maximum speed",
                        replay,
                        "events/s",
                        "bare KafkaProducer, same settings, records in memory ("
                                + String.format("%,d", baselineCount)
                                + " records)",
                        baseline,
                        MachineInfo.load1(),
                        "Replayer + RecordFileReader + KafkaRecordSink (acks=all, idempotent, lz4,"
                                + " linger 10 ms); timed to the last acknowledgement"));
        return true;
    }

    private Void throughput(BenchInfra infra, Path work, ThroughputInput input) throws Exception {
        List<ThroughputBenchmark.ConsumeResult> baselines = new ArrayList<>();
        baselines.add(ThroughputBenchmark.plainConsumer(infra.bootstrapServers(), TOPIC));
        progress("plain consumer + decode: %,.0f events/s", baselines.get(0).eventsPerSecond());
        long records = baselines.get(0).records();

        // The first job in a JVM also pays for class loading and JIT compilation of Flink and the
        // job: an unmeasured run takes that, so that parallelism 1 is not measured cold.
        ThroughputBenchmark.job(
                infra,
                work,
                TOPIC,
                records,
                2,
                "throughput_warmup",
                Duration.ofSeconds(WARMUP_SECONDS),
                checkpointInterval,
                null,
                env -> {});
        progress("warm-up job run done");
        Map<String, Object> runs = new LinkedHashMap<>();
        List<ThroughputBenchmark.JobRun> jobs = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        for (int parallelism : new int[] {1, 2}) {
            Path jfr = parallelism == 1 ? work.resolve("throughput-p1.jfr") : null;
            ThroughputBenchmark.JobRun run =
                    ThroughputBenchmark.job(
                            infra,
                            work,
                            TOPIC,
                            records,
                            parallelism,
                            "throughput_p" + parallelism,
                            Duration.ofSeconds(jobSecondsMax),
                            checkpointInterval,
                            jfr,
                            env -> {});
            jobs.add(run);
            loads.add(MachineInfo.load1());
            progress(
                    "job at parallelism %d: %,.0f events/s (%,d records in %.1f s%s)",
                    parallelism,
                    run.eventsPerSecond(),
                    run.records(),
                    run.seconds(),
                    run.finished() ? "" : ", cut short at the time cap");
            if (run.profile() != null) {
                report.details.put("profile_throughput_p1", run.profile());
            }
            runs.put(
                    "job_p" + parallelism,
                    Map.of(
                            "events_per_s", Math.round(run.eventsPerSecond()),
                            "events_per_jvm_cpu_s", Math.round(run.eventsPerCpuSecond()),
                            "records", run.records(),
                            "seconds", run.seconds(),
                            "seconds_with_deployment", run.secondsWithStartup(),
                            "reached_end_of_input", run.finished(),
                            "checkpoints", run.checkpoints()));
        }
        // Bracket the job runs with the baseline: load drifts on a shared machine.
        baselines.add(ThroughputBenchmark.plainConsumer(infra.bootstrapServers(), TOPIC));
        progress(
                "plain consumer + decode again: %,.0f events/s",
                baselines.get(1).eventsPerSecond());
        double baseline =
                baselines.stream()
                        .mapToDouble(ThroughputBenchmark.ConsumeResult::eventsPerSecond)
                        .average()
                        .orElseThrow();
        double baselineCpu =
                baselines.stream()
                        .mapToDouble(ThroughputBenchmark.ConsumeResult::eventsPerCpuSecond)
                        .average()
                        .orElseThrow();
        runs.put(
                "baseline_runs_events_per_s",
                baselines.stream().map(b -> Math.round(b.eventsPerSecond())).toList());
        runs.put(
                "baseline_runs_events_per_jvm_cpu_s",
                baselines.stream().map(b -> Math.round(b.eventsPerCpuSecond())).toList());
        runs.put("records", records);
        runs.put("decoded_ok", baselines.get(0).decoded());
        report.details.put("throughput", runs);
        for (int i = 0; i < jobs.size(); i++) {
            ThroughputBenchmark.JobRun run = jobs.get(i);
            report.add(
                    new Figure(
                            "throughput.job.p" + (i + 1),
                            "full job at parallelism " + (i + 1) + ", bounded Kafka source",
                            run.eventsPerSecond(),
                            "events/s",
                            "plain KafkaConsumer + TelemetryJson.decode (mean of a run before and"
                                    + " after the jobs)",
                            baseline,
                            loads.get(i),
                            (run.finished()
                                            ? "all tasks running → job finished (every window"
                                                    + " fired, every sink flushed)"
                                            : String.format(
                                                    "cut short at the %d s cap: records up to the"
                                                            + " last completed checkpoint (its"
                                                            + " committed offsets) / time to it",
                                                    jobSecondsMax))
                                    + "; PostgreSQL sinks, checkpoints every "
                                    + checkpointInterval
                                    + (i == 0 ? "; JFR recording on" : "")));
            report.add(
                    new Figure(
                            "throughput.job.p" + (i + 1) + ".cpu",
                            "full job at parallelism " + (i + 1) + ", per CPU-second of this JVM",
                            run.eventsPerCpuSecond(),
                            "events/CPU-s",
                            "plain KafkaConsumer + TelemetryJson.decode, per CPU-second",
                            baselineCpu,
                            loads.get(i),
                            "CPU time of the JVM that hosts job, broker and clients (not the"
                                    + " PostgreSQL server); hardly depends on other processes'"
                                    + " load"));
        }
        return null;
    }

    private Void sink(BenchInfra infra) throws Exception {
        String url = infra.migratedDatabase("bench_sink");
        int batchSize = JobConfig.of(Map.of()).jdbcBatchSize();
        var rows = SinkBenchmark.rows(sinkRows);
        double upsert;
        double copy;
        try (Connection c = infra.connect(url)) {
            SinkBenchmark.createCopyTable(c);
            upsert = SinkBenchmark.upsert(c, rows, batchSize);
            progress("upsert: %,.0f rows/s", upsert);
            copy = SinkBenchmark.copy(c, rows);
            progress("COPY: %,.0f rows/s", copy);
        }
        report.add(
                new Figure(
                        "sink.upsert",
                        "device_metric_kpis upserts, the job's statement and binder, batches of "
                                + batchSize,
                        upsert,
                        "rows/s",
                        "COPY FROM STDIN (PgJDBC CopyManager) into a table of the same shape",
                        copy,
                        MachineInfo.load1(),
                        String.format(
                                "%,d new rows each; auto-commit per batch as the JDBC connector"
                                        + " does; durable PostgreSQL (fsync on)",
                                rows.size())));
        return null;
    }

    private Void state(BenchInfra infra, Path work) throws Exception {
        StateBenchmark.Result r =
                StateBenchmark.run(infra, work, stateDevices, Duration.ofSeconds(stateSeconds), 2);
        double load = MachineInfo.load1();
        progress(
                "state: %,d devices, checkpoint %d ms (empty %d ms), %,d bytes (empty %,d), heap +%,d"
                        + " bytes",
                r.devices(),
                r.loaded().durationMs(),
                r.empty().durationMs(),
                r.loaded().stateSize(),
                r.empty().stateSize(),
                r.heapLoadedBytes() - r.heapEmptyBytes());
        String scope = String.format("%,d devices, parallelism 2", r.devices());
        report.add(
                new Figure(
                        "state.checkpoint_duration",
                        "checkpoint with " + scope,
                        r.loaded().durationMs(),
                        "ms",
                        "checkpoint of the same job before any reading",
                        r.empty().durationMs(),
                        load,
                        "triggered by hand (no schedule), full checkpoint, hashmap backend, file"
                                + " storage"));
        report.add(
                new Figure(
                        "state.checkpoint_size",
                        "checkpointed state with " + scope,
                        r.loaded().stateSize(),
                        "bytes",
                        "checkpoint of the same job before any reading",
                        r.empty().stateSize(),
                        load,
                        String.format(
                                "%.0f bytes per device; chk directory %,d bytes",
                                r.stateBytesPerDevice(), r.loaded().directoryBytes())));
        report.add(
                new Figure(
                        "state.heap",
                        "heap used after full GC with " + scope,
                        r.heapLoadedBytes(),
                        "bytes",
                        "same JVM and job before any reading",
                        r.heapEmptyBytes(),
                        load,
                        String.format(
                                "%.0f bytes per device, %.1f MB per 100,000 devices",
                                r.heapBytesPerDevice(), r.heapBytesPerDevice() * 100_000 / MB)));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("devices", r.devices());
        detail.put("records", r.records());
        detail.put("state_bytes_per_device", Math.round(r.stateBytesPerDevice()));
        detail.put("heap_bytes_per_device", Math.round(r.heapBytesPerDevice()));
        detail.put("heap_mb_per_100k_devices", r.heapBytesPerDevice() * 100_000 / MB);
        detail.put("checkpoint_directory_bytes", r.loaded().directoryBytes());
        detail.put("checkpointed_bytes", r.loaded().checkpointedSize());
        Map<String, Long> perVertex = new LinkedHashMap<>();
        r.loaded().vertices().forEach(e -> perVertex.put(e.getKey(), e.getValue()));
        detail.put("state_bytes_per_operator_chain", perVertex);
        report.details.put("state", detail);
        return null;
    }

    private Void latency(BenchInfra infra, Path work) throws Exception {
        int rate = latencyRate;
        Figure p2 = report.figure("throughput.job.p2");
        if (p2 != null && p2.value() < rate * 1.25) {
            // A rate the job cannot sustain measures the backlog, not the latency.
            rate = (int) Math.max(1000, Math.floor(p2.value() * 0.6 / 1000) * 1000);
            report.notes.add(
                    String.format(
                            "Latency measured at %,d events/s instead of %,d: the job sustained"
                                    + " only %,.0f events/s at parallelism 2 in this run (rate ="
                                    + " 60 %% of that).",
                            rate, latencyRate, p2.value()));
        }
        report.settings.put("latency_rate_used", rate);
        List<LatencyBenchmark.Settings> configs =
                List.of(
                        new LatencyBenchmark.Settings(
                                "production",
                                "job defaults: 5 s out-of-orderness, 200 ms watermark interval,"
                                        + " 200 ms JDBC batch interval",
                                Duration.ofSeconds(5),
                                200,
                                Duration.ofMillis(200)),
                        new LatencyBenchmark.Settings(
                                "low_latency",
                                "0 s out-of-orderness, 50 ms watermark interval, 50 ms JDBC"
                                        + " batch interval",
                                Duration.ZERO,
                                50,
                                Duration.ofMillis(50)));
        List<Object> details = new ArrayList<>();
        for (LatencyBenchmark.Settings config : configs) {
            LatencyBenchmark.Result r =
                    LatencyBenchmark.run(
                            infra, work, config, rate, Duration.ofSeconds(latencySeconds), 2);
            double load = MachineInfo.load1();
            progress(
                    "latency %s at %,.0f events/s: alert p50/p95/p99 %d/%d/%d ms (n=%d), KPI"
                            + " p99 %d ms (n=%d), baseline pipe p99 %d ms (n=%d)",
                    config.name(),
                    r.achievedRate(),
                    r.alerts().p50(),
                    r.alerts().p95(),
                    r.alerts().p99(),
                    r.alerts().count(),
                    r.kpis().p99(),
                    r.kpis().count(),
                    r.pipe().p99(),
                    r.pipe().count());
            details.add(r);
            String where =
                    String.format(
                            " (%s; %,.0f events/s, parallelism 2)",
                            config.name().replace('_', '-'), r.achievedRate());
            String pipe = "Kafka → PostgreSQL commit without Flink, same records, same time";
            String[] names = {"p50", "p95", "p99"};
            long[] alert = {r.alerts().p50(), r.alerts().p95(), r.alerts().p99()};
            long[] kpi = {r.kpis().p50(), r.kpis().p95(), r.kpis().p99()};
            long[] base = {r.pipe().p50(), r.pipe().p95(), r.pipe().p99()};
            for (int i = 0; i < names.length; i++) {
                report.add(
                        new Figure(
                                "latency." + config.name() + ".alert." + names[i],
                                "triggering event → alert row committed, " + names[i] + where,
                                alert[i],
                                "ms",
                                pipe + ", " + names[i],
                                base[i],
                                load,
                                r.alerts().count() + " alerts; " + config.description()));
            }
            for (int i = 0; i < names.length; i++) {
                report.add(
                        new Figure(
                                "latency." + config.name() + ".kpi." + names[i],
                                "window end → KPI row committed, " + names[i] + where,
                                kpi[i],
                                "ms",
                                pipe + ", " + names[i],
                                base[i],
                                load,
                                r.kpis().count()
                                        + " sampled rows; "
                                        + LatencyBenchmark.WINDOW.toSeconds()
                                        + " s windows"));
            }
        }
        report.details.put("latency", details);
        return null;
    }

    private Void jmh() throws Exception {
        MicroBenchmarks.Settings settings =
                new MicroBenchmarks.Settings(jmhForks, jmhWarmups, jmhIterations, jmhSeconds);
        double remaining = BUDGET.toSeconds() - elapsedSeconds();
        // 8 benchmark methods; a forked JVM takes a few seconds to start and set up.
        double needed = 8 * ((jmhWarmups + jmhIterations) * jmhSeconds * jmhForks + 6);
        if (needed > remaining && jmhSeconds > 1) {
            settings = new MicroBenchmarks.Settings(jmhForks, jmhWarmups, jmhIterations, 1);
            report.notes.add(
                    "JMH iterations shortened to 1 s to stay within the run's time budget.");
        }
        report.settings.put("jmh", settings.describe());
        List<MicroBenchmarks.Score> scores = MicroBenchmarks.run(settings);
        report.details.put("jmh", scores);
        Map<String, String> baselineOf =
                Map.of(
                        "DecodeValidateBenchmark", "jacksonReadTree",
                        "CepPatternBenchmark", "condition",
                        "DeviceStatsAggregateBenchmark", "sumValues");
        for (MicroBenchmarks.Score s : scores) {
            String type = s.benchmark().substring(0, s.benchmark().indexOf('.'));
            String method = s.benchmark().substring(s.benchmark().indexOf('.') + 1);
            String baseline = baselineOf.get(type);
            if (method.equals(baseline)) {
                continue;
            }
            MicroBenchmarks.Score base =
                    scores.stream()
                            .filter(b -> b.benchmark().equals(type + "." + baseline))
                            .findFirst()
                            .orElse(null);
            report.add(
                    new Figure(
                            "jmh." + s.benchmark(),
                            s.benchmark(),
                            s.eventsPerSecond(),
                            "events/s",
                            type + "." + baseline,
                            base == null ? Double.NaN : base.eventsPerSecond(),
                            MachineInfo.load1(),
                            String.format("± %,.0f (99.9 %% CI)", s.error())));
        }
        return null;
    }

    // ---------------------------------------------------------------- plumbing

    static final double MB = 1024.0 * 1024.0;

    @FunctionalInterface
    private interface Section<T> {
        T run() throws Exception;
    }

    private <T> T section(String name, Section<T> body) {
        progress("== %s", name);
        try {
            return body.run();
        } catch (Exception | AssertionError e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != e) {
                reason += " (root cause: " + root + ")";
            }
            report.failures.put(name, reason);
            progress("%s FAILED: %s", name, reason);
            e.printStackTrace();
            return null;
        }
    }

    private boolean skipped(String section) {
        return skip.contains(section);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void progress(String format, Object... args) {
        long s = Math.round(elapsedSeconds());
        System.out.printf(
                "[%02d:%02d load %4.1f] %s%n",
                s / 60, s % 60, MachineInfo.load1(), String.format(format, args));
    }

    private static void cleanWorkDir(Path work) throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(work) && !p.getFileName().toString().equals("bench.log")) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        Files.createDirectories(work);
    }
}
