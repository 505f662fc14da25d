package dev.telemetry.job.rules;

import dev.telemetry.job.config.JobConfig;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The production source of rule updates: the rules topic from its beginning (the topic is meant to
 * be compacted by rule key, so it holds the latest update per rule), subscribed by pattern so the
 * job starts even before the topic exists. Values are passed on as text; validation happens in
 * {@link RuleValidationFunction}, so nothing here throws.
 */
public final class RuleSource {

    private RuleSource() {}

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
