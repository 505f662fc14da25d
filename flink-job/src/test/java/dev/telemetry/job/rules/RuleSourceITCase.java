package dev.telemetry.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.infra.junit.KafkaExtension;
import dev.telemetry.job.config.JobConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which rules source the production job gets, against a real broker. */
class RuleSourceITCase {

    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();

    private static JobConfig config(String rulesTopic, boolean bounded) {
        return JobConfig.of(
                Map.of(
                        "kafka.bootstrap-servers", KAFKA.bootstrapServers(),
                        "kafka.rules-topic", rulesTopic,
                        "kafka.bounded", Boolean.toString(bounded)));
    }

    @Test
    void shouldRunBoundedJobOnShippedRulesWhenRulesTopicIsMissing() {
        // A bounded source on a pattern that matches nothing would never finish.
        assertThat(RuleSource.forJob(config("rules-never-created", true))).isNull();
    }

    @Test
    void shouldReadExistingRulesTopicToItsEndInBoundedJob() {
        KAFKA.kafka().createTopic("rules-bounded", 1);

        Source<String, ?, ?> source = RuleSource.forJob(config("rules-bounded", true));

        assertThat(source).isNotNull();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void shouldSubscribeUnboundedJobToRulesTopicBeforeItExists() {
        Source<String, ?, ?> source = RuleSource.forJob(config("rules-created-later", false));

        assertThat(source).isNotNull();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void shouldKeepKafkaSourceWhenBrokerCannotBeAsked() {
        assertThat(RuleSource.topicExists("127.0.0.1:1", "telemetry-rules", Duration.ofSeconds(1)))
                .isTrue();
    }
}
