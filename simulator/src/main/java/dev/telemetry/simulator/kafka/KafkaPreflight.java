package dev.telemetry.simulator.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks, before any record is produced or consumed, that the brokers answer and the topic exists,
 * so that an unreachable cluster is one clear error within seconds rather than a producer blocking
 * and retrying.
 */
public final class KafkaPreflight {

    private final String bootstrapServers;
    private final Duration timeout;

    public KafkaPreflight(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /**
     * Verifies the brokers answer and the topic exists, creating it with the broker's default
     * partition count and replication factor if it does not and {@code createIfMissing} is set.
     *
     * @return the topic's partition count
     */
    public int check(String topic, boolean createIfMissing) throws KafkaUnavailableException {
        Admin admin;
        try {
            admin = Admin.create(KafkaClients.admin(bootstrapServers));
        } catch (KafkaException e) {
            // For example, no resolvable bootstrap address: the root cause says so.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new KafkaUnavailableException(
                    "cannot use Kafka at " + bootstrapServers + ": " + root.getMessage(), e);
        }
        try {
            await(admin.describeCluster().nodes(), "reach Kafka at " + bootstrapServers);
            Optional<TopicDescription> description = describe(admin, topic);
            if (description.isPresent()) {
                return description.get().partitions().size();
            }
            if (!createIfMissing) {
                throw new KafkaUnavailableException(
                        "topic '" + topic + "' does not exist on " + bootstrapServers);
            }
            try {
                await(
                        admin.createTopics(
                                        List.of(
                                                new NewTopic(
                                                        topic, Optional.empty(), Optional.empty())))
                                .all(),
                        "create topic '" + topic + "'");
            } catch (KafkaUnavailableException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return describe(admin, topic)
                    .map(d -> d.partitions().size())
                    .orElseThrow(
                            () ->
                                    new KafkaUnavailableException(
                                            "topic '" + topic + "' was not created"));
        } finally {
            // Abandon calls still retrying an unreachable broker instead of waiting them out.
            admin.close(Duration.ofMillis(500));
        }
    }

    private Optional<TopicDescription> describe(Admin admin, String topic)
            throws KafkaUnavailableException {
        try {
            return Optional.of(
                    await(
                            admin.describeTopics(List.of(topic)).topicNameValues().get(topic),
                            "describe topic '" + topic + "'"));
        } catch (KafkaUnavailableException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) throws KafkaUnavailableException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException(
                    "cannot " + what + " within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new KafkaUnavailableException(
                        "cannot " + what + " within " + timeout.toSeconds() + " s", cause);
            }
            throw new KafkaUnavailableException(
                    "cannot " + what + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while trying to " + what, e);
        }
    }
}
