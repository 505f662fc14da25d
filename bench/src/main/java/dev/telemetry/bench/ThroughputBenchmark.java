package dev.telemetry.bench;

import dev.telemetry.job.config.JobConfig;
import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.TelemetryJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Item 1: events/s through the full production job (bounded Kafka source, PostgreSQL sinks) against
 * a plain {@link KafkaConsumer} that only decodes each record with {@link TelemetryJson#decode}.
 */
final class ThroughputBenchmark {

    private static final int PROFILE_TOP_FRAMES = 25;

    private ThroughputBenchmark() {}

    /** What a consumer of the whole topic saw, and the JVM's CPU time meanwhile. */
    record ConsumeResult(long records, long decoded, double seconds, double cpuSeconds) {
        double eventsPerSecond() {
            return records / seconds;
        }

        double eventsPerCpuSecond() {
            return records / cpuSeconds;
        }
    }

    /**
     * Times one run of the job.
     *
     * @param records records processed in {@code seconds}
     * @param finished whether the job reached the end of its input; if not, it was cancelled at the
     *     time cap and {@code records} is what its source had passed on by then
     */
    record JobRun(
            long records,
            double seconds,
            double secondsWithStartup,
            boolean finished,
            double cpuSeconds,
            Map<String, Object> checkpoints,
            JfrProfile.Summary profile) {
        double eventsPerSecond() {
            return records / seconds;
        }

        double eventsPerCpuSecond() {
            return records / cpuSeconds;
        }
    }

    /** Baseline: reads every partition from the start to the end offsets and decodes each value. */
    static ConsumeResult plainConsumer(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long started = System.nanoTime();
        double cpuStarted = CpuTime.processSeconds();
        long records = 0;
        long decoded = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map((PartitionInfo p) -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            while (records < total) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    DecodeResult result =
                            TelemetryJson.decode(
                                    record.value(), TelemetryJson.DEFAULT_MAX_RECORD_BYTES);
                    if (result.isOk()) {
                        decoded++;
                    }
                    records++;
                }
            }
        }
        return new ConsumeResult(
                records,
                decoded,
                (System.nanoTime() - started) / 1e9,
                CpuTime.processSeconds() - cpuStarted);
    }

    private static Map<String, Object> checkpoints(BenchCluster cluster, JobID job) {
        try {
            return cluster.checkpointSummary(job);
        } catch (Exception e) {
            return Map.of("unavailable", String.valueOf(e.getMessage()));
        }
    }

    /** Offsets the consumer group committed on {@code topic}, summed over its partitions. */
    static long committed(BenchInfra infra, String groupId, String topic) throws Exception {
        try (Admin admin = infra.kafka().admin()) {
            return admin
                    .listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    /**
     * Runs the production job over the whole topic, bounded at the offsets latest at start, at
     * {@code parallelism}, into a fresh database; times from all tasks running to the job's end
     * (every window fired and every sink flushed). A run still going at {@code cap} is cancelled
     * and measured up to its latest completed checkpoint: the offsets the source committed for it
     * (every record before its barrier had passed every operator) over the time from start to the
     * checkpoint's completion.
     *
     * @param checkpointInterval the job's {@code job.checkpoint-interval}
     * @param jfr where to record a Flight Recorder profile of the run, or null for none
     * @param tune adjusts the job's environment, e.g. to try a setting
     */
    static JobRun job(
            BenchInfra infra,
            Path workDir,
            String topic,
            long records,
            int parallelism,
            String name,
            Duration cap,
            String checkpointInterval,
            Path jfr,
            Consumer<StreamExecutionEnvironment> tune)
            throws Exception {
        String url = infra.migratedDatabase("bench_" + name);
        String deadLetters = topic + "-dlq-" + name;
        infra.createTopic(deadLetters, 1);
        // As in production: a bounded job over a rules topic that does not exist never finishes.
        infra.createTopic(topic + "-rules", 1);
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap-servers", infra.bootstrapServers());
        options.put("kafka.topic", topic);
        options.put("kafka.dead-letter-topic", deadLetters);
        options.put("kafka.rules-topic", topic + "-rules");
        options.put("kafka.group-id", "bench-" + name);
        options.put("kafka.starting-offsets", "EARLIEST");
        options.put("kafka.bounded", "true");
        options.put("jdbc.url", url);
        options.put("jdbc.user", "postgres");
        options.put("job.parallelism", Integer.toString(parallelism));
        options.put("job.checkpoint-interval", checkpointInterval);
        JobConfig config = JobConfig.of(options);
        try (BenchCluster cluster = BenchCluster.start(parallelism, workDir.resolve(name))) {
            JfrProfile recording = jfr == null ? null : JfrProfile.start(jfr);
            try {
                long submitted = System.nanoTime();
                JobID job = cluster.submit(config, tune);
                cluster.awaitStarted(job);
                long started = System.nanoTime();
                long startedWall = System.currentTimeMillis();
                double cpuStarted = CpuTime.processSeconds();
                boolean finished = cluster.awaitFinishedWithin(job, cap);
                long ended = System.nanoTime();
                double cpu = CpuTime.processSeconds() - cpuStarted;
                Map<String, Object> checkpoints = checkpoints(cluster, job);
                long processed = records;
                double seconds = (ended - started) / 1e9;
                if (!finished) {
                    long checkpointed = cluster.latestCheckpointCompletion(job);
                    Thread.sleep(1_000); // the source commits the checkpoint's offsets after it
                    if (checkpointed > startedWall) {
                        processed = committed(infra, "bench-" + name, topic);
                        seconds = (checkpointed - startedWall) / 1e3;
                        cpu *= seconds / ((ended - started) / 1e9);
                    } else {
                        processed = 0; // no checkpoint completed before the cap
                    }
                }
                JfrProfile.Summary summary =
                        recording == null ? null : recording.stop(PROFILE_TOP_FRAMES);
                if (!finished) {
                    cluster.cancel(job);
                }
                return new JobRun(
                        processed,
                        seconds,
                        (ended - submitted) / 1e9,
                        finished,
                        cpu,
                        checkpoints,
                        summary);
            } finally {
                if (recording != null) {
                    recording.close();
                }
            }
        }
    }
}
