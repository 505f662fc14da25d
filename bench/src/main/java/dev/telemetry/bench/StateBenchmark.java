package dev.telemetry.bench;

import dev.telemetry.job.config.JobConfig;
import dev.telemetry.model.Family;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.kafka.KafkaRecordSink;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Item 3: the running production job's state for many distinct devices. The baseline is the same
 * job, started and checkpointed before any reading arrived; then every device sends one reading a
 * second for a few seconds of event time and the job is checkpointed again once its source has read
 * everything. With 4 s, every event-time operator holds close to what it holds in steady state:
 * open windows, baselines, and the readings of the last seconds, which wait for the watermark (5 s
 * behind) in every detector. Heap is measured after a full GC in this JVM, which also hosts the
 * broker, so only the difference is attributed to the job's state.
 */
final class StateBenchmark {

    private static final int PARTITIONS = 4;
    // The simulator's and the dropout detector's cadence: slower devices would all "drop out".
    private static final double READINGS_PER_DEVICE_PER_SECOND = 1;

    private StateBenchmark() {}

    /**
     * @param empty checkpoint of the job before any reading
     * @param loaded checkpoint once every device's readings were processed
     * @param heapEmptyBytes heap used after GC before any reading
     * @param heapLoadedBytes heap used after GC with every device in state
     */
    record Result(
            int devices,
            long records,
            BenchCluster.CheckpointResult empty,
            BenchCluster.CheckpointResult loaded,
            long heapEmptyBytes,
            long heapLoadedBytes) {

        double stateBytesPerDevice() {
            return (double) (loaded.stateSize() - empty.stateSize()) / devices;
        }

        double heapBytesPerDevice() {
            return (double) (heapLoadedBytes - heapEmptyBytes) / devices;
        }
    }

    static Result run(
            BenchInfra infra, Path workDir, int devices, Duration eventTime, int parallelism)
            throws Exception {
        String topic = "bench-state";
        infra.createTopic(topic, PARTITIONS);
        infra.createTopic(topic + "-dlq", 1);
        infra.createTopic(topic + "-rules", 1);
        String groupId = "bench-state";
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap-servers", infra.bootstrapServers());
        options.put("kafka.topic", topic);
        options.put("kafka.dead-letter-topic", topic + "-dlq");
        options.put("kafka.rules-topic", topic + "-rules");
        options.put("kafka.group-id", groupId);
        options.put("kafka.starting-offsets", "EARLIEST");
        options.put("jdbc.url", infra.migratedDatabase("bench_state"));
        options.put("jdbc.user", "postgres");
        options.put("job.parallelism", Integer.toString(parallelism));
        // Only the checkpoints triggered here: their timing must not depend on a schedule.
        options.put("job.checkpoint-interval", "1 h");
        JobConfig config = JobConfig.of(options);

        try (BenchCluster cluster = BenchCluster.start(parallelism, workDir.resolve("state"))) {
            JobID job = cluster.submit(config, env -> {});
            cluster.awaitStarted(job);
            BenchCluster.CheckpointResult empty = cluster.checkpoint(job);
            long heapEmpty = heapAfterGc();

            int perFamily = Math.max(1, devices / Family.values().length);
            SimulationOptions simulation =
                    new SimulationOptions(
                            11,
                            EnumSet.allOf(Family.class),
                            perFamily,
                            READINGS_PER_DEVICE_PER_SECOND,
                            eventTime,
                            ThroughputInput.START,
                            SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                            0);
            long records;
            try (KafkaRecordSink sink = KafkaRecordSink.create(infra.bootstrapServers(), topic)) {
                records = new Simulation(simulation).run(sink, label -> {}).records();
            }
            awaitConsumed(cluster, job, infra, topic, groupId);
            BenchCluster.CheckpointResult loaded = cluster.checkpoint(job);
            long heapLoaded = heapAfterGc();
            cluster.cancel(job);
            return new Result(
                    perFamily * Family.values().length,
                    records,
                    empty,
                    loaded,
                    heapEmpty,
                    heapLoaded);
        }
    }

    /**
     * Checkpoints until the offsets the source commits on checkpoint completion reach the end of
     * the topic: that checkpoint's barrier followed the last record through every operator.
     */
    private static void awaitConsumed(
            BenchCluster cluster, JobID job, BenchInfra infra, String topic, String groupId)
            throws Exception {
        try (Admin admin = infra.kafka().admin()) {
            List<TopicPartition> partitions =
                    admin
                            .describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, Long> end =
                    admin
                            .listOffsets(
                                    partitions.stream()
                                            .collect(
                                                    Collectors.toMap(
                                                            p -> p, p -> OffsetSpec.latest())))
                            .all()
                            .get()
                            .entrySet()
                            .stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey, e -> e.getValue().offset()));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                cluster.checkpoint(job);
                // The commit follows the checkpoint's completion asynchronously.
                for (int i = 0; i < 20; i++) {
                    if (reached(admin, groupId, end)) {
                        return;
                    }
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("the job did not consume " + topic + " in time");
        }
    }

    private static boolean reached(Admin admin, String groupId, Map<TopicPartition, Long> end)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Heap in use after a full collection (System.gc is a full, stop-the-world GC with G1). */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
