package dev.telemetry.job.testing;

import dev.telemetry.simulator.SimRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes simulator records to a topic with key = device id, timestamp = the record's timestamp and
 * a partition chosen from the key by a fixed rule, so that two topics get the same records in the
 * same partitions and the end offsets are known in advance.
 */
public final class TopicWriter {

    private final String bootstrapServers;
    private final int partitions;

    public TopicWriter(String bootstrapServers, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    public int partitionOf(SimRecord record) {
        return Math.floorMod(record.key().hashCode(), partitions);
    }

    /** The end offset of every partition once all {@code records} are written to {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic, List<SimRecord> records) {
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            end.put(new TopicPartition(topic, p), 0L);
        }
        for (SimRecord record : records) {
            end.merge(new TopicPartition(topic, partitionOf(record)), 1L, Long::sum);
        }
        return end;
    }

    /** Writes the records in order and waits until all are acknowledged. */
    public void write(String topic, List<SimRecord> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SimRecord record : records) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                partitionOf(record),
                                record.timestamp(),
                                record.key().getBytes(StandardCharsets.UTF_8),
                                record.payload()));
            }
            producer.flush();
        }
    }
}
