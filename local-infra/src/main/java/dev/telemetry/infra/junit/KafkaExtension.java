package dev.telemetry.infra.junit;

import dev.telemetry.infra.EmbeddedKafka;
import java.util.Objects;

/**
 * Provides a running {@link EmbeddedKafka} to JUnit 5 tests, shared by the whole JVM or owned by
 * one test class.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();
 * ... KAFKA.bootstrapServers() ...
 * }</pre>
 *
 * <p>Use {@link #perClass()} for tests that stop or restart the broker, so that other classes are
 * not affected.
 */
public final class KafkaExtension extends EmbeddedServerExtension<EmbeddedKafka> {

    private KafkaExtension(boolean perJvm, EmbeddedKafka.Builder builder) {
        super(perJvm, EmbeddedKafka.class, builder::build, kafka -> kafka.start());
    }

    /** One broker for every test class in this JVM that uses this factory method. */
    public static KafkaExtension sharedPerJvm() {
        return new KafkaExtension(true, EmbeddedKafka.builder());
    }

    /** A broker for this test class only, closed (and deleted) after its last test. */
    public static KafkaExtension perClass() {
        return perClass(EmbeddedKafka.builder());
    }

    /** As {@link #perClass()}, configured by {@code builder}. */
    public static KafkaExtension perClass(EmbeddedKafka.Builder builder) {
        return new KafkaExtension(false, Objects.requireNonNull(builder));
    }

    public EmbeddedKafka kafka() {
        return server();
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }
}
