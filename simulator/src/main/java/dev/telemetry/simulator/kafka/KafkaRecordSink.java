package dev.telemetry.simulator.kafka;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Sends records to a Kafka topic with key = device id and record timestamp = event time.
 * Asynchronous delivery failures are counted rather than thrown, so a run reports how many records
 * were lost; a failure to hand a record to the producer at all (for example, metadata unavailable
 * within {@code max.block.ms}) aborts the run.
 */
public final class KafkaRecordSink implements RecordSink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Callback callback = this::onCompletion;

    public KafkaRecordSink(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A sink with its own producer configured by {@link KafkaClients#producer}. */
    public static KafkaRecordSink create(String bootstrapServers, String topic) {
        return new KafkaRecordSink(
                new KafkaProducer<>(KafkaClients.producer(bootstrapServers)), topic);
    }

    @Override
    public void send(SimRecord record) throws IOException {
        try {
            producer.send(
                    new ProducerRecord<>(
                            topic, null, record.timestamp(), record.key(), record.payload()),
                    callback);
        } catch (InterruptException e) {
            throw new InterruptedIOException("interrupted while sending");
        } catch (KafkaException e) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e);
            throw new IOException("cannot send to topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    private void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acknowledged.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstError.compareAndSet(null, exception);
        }
    }

    /** Records the brokers acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Records that could not be delivered. */
    public long failed() {
        return failed.get();
    }

    /** The first delivery error, or null. */
    public Exception firstError() {
        return firstError.get();
    }

    /** Flushes outstanding records, then closes the producer. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }
}
