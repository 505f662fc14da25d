package dev.telemetry.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces a fixed list of records to a topic, in order, with partitions chosen by {@link
 * InputRecord#partition}: two topics written from the same list hold the same records at the same
 * partitions and offsets, so the job's tables can be compared row by row. Either at once, or paced
 * evenly over a wall-clock duration on a background thread so that faults hit a running stream.
 *
 * <p>The producer is idempotent with {@code acks=all} and a long delivery timeout, so a broker
 * restart neither reorders, duplicates nor loses records.
 */
final class InputProducer implements AutoCloseable {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);

    private final String topic;
    private final int partitions;
    private final List<InputRecord> records;
    private final long[] offsets;
    private final CountDownLatch acknowledged;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean hurry;
    // Held while the pacer sends; pause() takes it to stop sending between two records.
    private final Object sending = new Object();
    private boolean paused;
    private final KafkaProducer<byte[], byte[]> producer;
    private Thread pacer;

    private InputProducer(
            String bootstrapServers, String topic, int partitions, List<InputRecord> records) {
        this.topic = topic;
        this.partitions = partitions;
        this.records = List.copyOf(records);
        this.offsets = new long[records.size()];
        this.acknowledged = new CountDownLatch(records.size());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(DELIVERY_TIMEOUT.toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(DELIVERY_TIMEOUT.toMillis()));
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes every record now and waits until all are acknowledged. */
    static long[] writeAll(
            String bootstrapServers, String topic, int partitions, List<InputRecord> records)
            throws Exception {
        try (InputProducer writer =
                new InputProducer(bootstrapServers, topic, partitions, records)) {
            for (int i = 0; i < records.size(); i++) {
                writer.send(i);
            }
            return writer.await(DELIVERY_TIMEOUT);
        }
    }

    /**
     * Starts sending on a background thread, record {@code i} at {@code i / n} of {@code duration};
     * {@link #await} waits for the last acknowledgement.
     */
    static InputProducer paced(
            String bootstrapServers,
            String topic,
            int partitions,
            List<InputRecord> records,
            Duration duration) {
        InputProducer producer = new InputProducer(bootstrapServers, topic, partitions, records);
        producer.pacer = new Thread(() -> producer.pace(duration), "paced-producer-" + topic);
        producer.pacer.setDaemon(true);
        producer.pacer.start();
        return producer;
    }

    private void pace(Duration duration) {
        long start = System.nanoTime();
        int n = records.size();
        int next = 0;
        try {
            while (next < n && failure.get() == null) {
                long elapsed = System.nanoTime() - start;
                int due =
                        hurry
                                ? n
                                : (int) Math.min(n, (double) elapsed / duration.toNanos() * n + 1);
                synchronized (sending) {
                    while (!paused && next < due) {
                        send(next++);
                    }
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void send(int index) {
        InputRecord record = records.get(index);
        producer.send(
                new ProducerRecord<>(
                        topic,
                        record.partition(partitions),
                        record.timestamp(),
                        record.keyBytes(),
                        record.value()),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        offsets[index] = metadata.offset();
                    }
                    acknowledged.countDown();
                });
        sent.incrementAndGet();
    }

    /**
     * Stops sending and waits until every record sent so far is acknowledged, e.g. before the
     * broker is restarted: a batch in flight during a restart may be written twice even by an
     * idempotent producer (its epoch is bumped), which would make this input differ from the
     * baseline's. The records due meanwhile are sent on {@link #resume()}.
     */
    void pauseAndFlush() {
        synchronized (sending) {
            paused = true;
        }
        producer.flush();
    }

    void resume() {
        synchronized (sending) {
            paused = false;
        }
    }

    /**
     * Sends the remaining records at once: the fault has been measured, the rest of the input only
     * needs to get through. Order and content stay the same, only the timing changes.
     */
    void hurry() {
        hurry = true;
    }

    /** Records handed to the Kafka client so far. */
    long sent() {
        return sent.get();
    }

    /** True once every record has been acknowledged. */
    boolean isDone() {
        return acknowledged.getCount() == 0;
    }

    /**
     * Waits until every record is acknowledged; returns each record's offset in its partition.
     *
     * @throws IllegalStateException if a send failed or the timeout passed
     */
    long[] await(Duration timeout) throws InterruptedException {
        if (!acknowledged.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    "Only "
                            + (records.size() - acknowledged.getCount())
                            + " of "
                            + records.size()
                            + " records to "
                            + topic
                            + " were acknowledged within "
                            + timeout,
                    failure.get());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Producing to " + topic + " failed", failure.get());
        }
        return offsets.clone();
    }

    @Override
    public void close() {
        if (pacer != null) {
            pacer.interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
