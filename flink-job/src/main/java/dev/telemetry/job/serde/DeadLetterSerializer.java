package dev.telemetry.job.serde;

import dev.telemetry.job.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes dead letters to the dead-letter topic as {@link DeadLetterJson}, keyed by the original
 * record key (the device id) so a device's rejects stay in order. The Kafka timestamp is the time
 * of writing (the original record timestamp is in the JSON): replaying old data must not produce
 * dead letters that time-based retention deletes at once.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        byte[] key =
                letter.recordKey.isEmpty()
                        ? null
                        : letter.recordKey.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, DeadLetterJson.toBytes(letter));
    }
}
