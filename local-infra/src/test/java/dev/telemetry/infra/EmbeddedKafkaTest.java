package dev.telemetry.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldDeliverRecordsWithTheirKeysAndTimestamps() throws Exception {
        kafka.createTopic("readings", 3);
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sent.add(
                    new ProducerRecord<>(
                            "readings",
                            null,
                            T0.plusSeconds(i).toEpochMilli(),
                            "pump-" + (i % 3),
                            "{\"pressure\":" + i + "}"));
        }
        produce(kafka, sent);

        List<ConsumerRecord<String, String>> received = consumeAll(kafka, "readings", 9);

        assertThat(received)
                .extracting(r -> r.key() + "@" + r.timestamp() + "=" + r.value())
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream()
                                .map(r -> r.key() + "@" + r.timestamp() + "=" + r.value())
                                .toList());
        // Same key, same partition: per-entity order survives.
        List<ConsumerRecord<String, String>> pump1 =
                received.stream().filter(r -> r.key().equals("pump-1")).toList();
        assertThat(pump1).extracting(ConsumerRecord::timestamp).isSorted();
        assertThat(pump1)
                .extracting(ConsumerRecord::partition)
                .containsOnly(pump1.get(0).partition());
    }

    @Test
    void shouldAcceptCreatingAnExistingTopicWithTheSamePartitionCount() {
        kafka.createTopic("alerts", 2);
        kafka.createTopic("alerts", 2);

        assertThatThrownBy(() -> kafka.createTopic("alerts", 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 partitions");
    }

    @Test
    void shouldKeepRecordsAndAddressWhenBrokerRestarts() throws Exception {
        try (EmbeddedKafka restarted = EmbeddedKafka.builder().start()) {
            String bootstrapServers = restarted.bootstrapServers();
            restarted.createTopic("durable", 1);
            produce(restarted, List.of(new ProducerRecord<>("durable", "valve-7", "before")));

            restarted.stop();
            assertThat(restarted.isRunning()).isFalse();
            restarted.start();

            assertThat(restarted.bootstrapServers()).isEqualTo(bootstrapServers);
            produce(restarted, List.of(new ProducerRecord<>("durable", "valve-7", "after")));
            assertThat(consumeAll(restarted, "durable", 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("before", "after");
        }
    }

    @Test
    void shouldDeleteItsDataDirectoryOnClose() {
        EmbeddedKafka temporary = EmbeddedKafka.builder().start();
        Path dataDir = temporary.dataDir();
        assertThat(dataDir).isDirectory();

        temporary.close();

        assertThat(dataDir).doesNotExist();
        assertThat(temporary.isRunning()).isFalse();
    }

    @Test
    void shouldKeepRecordsInAGivenDataDirectoryAcrossInstances() throws Exception {
        Path dataDir = Files.createTempDirectory("durable-kafka-");
        int[] ports = FreePorts.pick(2);
        try {
            try (EmbeddedKafka first = durableKafka(dataDir, ports).start()) {
                first.createTopic("durable", 1);
                produce(first, List.of(new ProducerRecord<>("durable", "pump-1", "first run")));
            }
            assertThat(dataDir).isDirectory();

            try (EmbeddedKafka second = durableKafka(dataDir, ports).start()) {
                assertThat(consumeAll(second, "durable", 1))
                        .extracting(ConsumerRecord::value)
                        .containsExactly("first run");
            }
        } finally {
            DirectoryTrees.deleteRecursively(dataDir);
        }
    }

    @Test
    void shouldRemoveDataDirectoryOfAKilledJvmOnStart() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        await().atMost(Duration.ofSeconds(5)).until(() -> !finished.toHandle().isAlive());
        Path stale =
                InfraDirectories.defaultBaseDir()
                        .resolve("kafka")
                        .resolve(finished.pid() + "-9092");
        Files.createDirectories(stale.resolve("kraft-combined-logs"));

        try (EmbeddedKafka fresh = EmbeddedKafka.builder().start()) {
            assertThat(fresh.dataDir()).isNotEqualTo(stale);
            assertThat(stale).doesNotExist();
        }
    }

    private static EmbeddedKafka.Builder durableKafka(Path dataDir, int[] ports) {
        return EmbeddedKafka.builder().dataDir(dataDir).port(ports[0]).controllerPort(ports[1]);
    }

    private static void produce(EmbeddedKafka broker, List<ProducerRecord<String, String>> records)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(
            EmbeddedKafka broker, String topic, int expected) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                                return received.size() >= expected;
                            });
        }
        return received;
    }
}
