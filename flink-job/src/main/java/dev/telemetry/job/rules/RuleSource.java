package dev.telemetry.job.rules;

import dev.telemetry.job.config.JobConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production source of rule updates: the rules topic from its beginning (the topic is meant to
 * be compacted by rule key, so it holds the latest update per rule), subscribed by pattern so the
 * job starts even before the topic exists. Values are passed on as text; validation happens in
 * {@link RuleValidationFunction}, so nothing here throws.
 */
public final class RuleSource {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSource.class);

    /** How long {@link #forJob} waits for the broker to list topics. */
    static final Duration TOPIC_LOOKUP_TIMEOUT = Duration.ofSeconds(15);

    private RuleSource() {}

    /**
     * The rules source the production job uses: {@link #kafka} — except for a bounded job whose
     * rules topic does not exist, which gets null (the shipped rules only). A bounded Kafka source
     * whose topic pattern matches no partition never signals the end of its input, so the job would
     * never finish; an unbounded job keeps the pattern subscription and picks the topic up once it
     * is created. If the topics cannot be listed, the Kafka source is returned and reports the
     * broker's problem itself.
     */
    public static Source<String, ?, ?> forJob(JobConfig config) {
        if (config.bounded()
                && !topicExists(
                        config.bootstrapServers(), config.rulesTopic(), TOPIC_LOOKUP_TIMEOUT)) {
            LOG.info(
                    "Rules topic '{}' does not exist: this bounded run uses the shipped rules only",
                    config.rulesTopic());
            return null;
        }
        return kafka(config);
    }

    /** True if the topic exists, or if the broker could not be asked. */
    static boolean topicExists(String bootstrapServers, String topic, Duration timeout) {
        long timeoutMs = timeout.toMillis();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs))) {
            return admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not list topics to look for rules topic '{}'", topic, e);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    public static KafkaSource<String> kafka(JobConfig config) {
        var builder =
                KafkaSource.<String>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopicPattern(Pattern.compile(Pattern.quote(config.rulesTopic())))
                        .setGroupId(config.groupId() + "-rules")
                        .setClientIdPrefix(config.groupId() + "-rules")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RuleRecordDeserializer())
                        .setProperty("partition.discovery.interval.ms", "10000");
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Record value as UTF-8 text; tombstones (null values) are skipped. */
    static final class RuleRecordDeserializer implements KafkaRecordDeserializationSchema<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            if (record.value() != null) {
                out.collect(new String(record.value(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
