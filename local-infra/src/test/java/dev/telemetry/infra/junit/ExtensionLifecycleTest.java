package dev.telemetry.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.infra.EmbeddedKafka;
import dev.telemetry.infra.EmbeddedPostgres;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs sample test classes (static nested, so Surefire skips them) through a separate JUnit engine
 * run and checks which servers they saw and that all were closed afterwards.
 */
class ExtensionLifecycleTest {

    private static final Map<String, EmbeddedKafka> KAFKA_SEEN = new ConcurrentHashMap<>();
    private static final Map<String, EmbeddedPostgres> POSTGRES_SEEN = new ConcurrentHashMap<>();

    @BeforeEach
    void forgetServers() {
        KAFKA_SEEN.clear();
        POSTGRES_SEEN.clear();
    }

    @Test
    void shouldShareOneServerPerJvmAndCloseItWhenTheRunEnds() {
        run(SharedA.class, SharedB.class);

        assertThat(KAFKA_SEEN.get("SharedA")).isSameAs(KAFKA_SEEN.get("SharedB")).isNotNull();
        assertThat(POSTGRES_SEEN.get("SharedA")).isSameAs(POSTGRES_SEEN.get("SharedB")).isNotNull();
        assertThat(KAFKA_SEEN.get("SharedA").isRunning()).isFalse();
        assertThat(POSTGRES_SEEN.get("SharedA").isRunning()).isFalse();
    }

    @Test
    void shouldGiveEachClassItsOwnServersWhenScopedPerClass() {
        run(PerClassA.class, PerClassB.class);

        assertThat(KAFKA_SEEN.get("PerClassA")).isNotSameAs(KAFKA_SEEN.get("PerClassB"));
        assertThat(POSTGRES_SEEN.get("PerClassA")).isNotSameAs(POSTGRES_SEEN.get("PerClassB"));
        assertThat(KAFKA_SEEN.values()).hasSize(2).noneMatch(EmbeddedKafka::isRunning);
        assertThat(POSTGRES_SEEN.values()).hasSize(2).noneMatch(EmbeddedPostgres::isRunning);
    }

    private static void run(Class<?>... testClasses) {
        EngineTestKit.engine("junit-jupiter")
                .selectors(
                        Stream.of(testClasses)
                                .map(DiscoverySelectors::selectClass)
                                .toArray(DiscoverySelector[]::new))
                .execute()
                .testEvents()
                .assertStatistics(
                        stats -> stats.started(testClasses.length).succeeded(testClasses.length));
    }

    private static void record(String name, KafkaExtension kafka, PostgresExtension postgres) {
        assertThat(kafka.kafka().isRunning()).isTrue();
        assertThat(postgres.postgres().isRunning()).isTrue();
        KAFKA_SEEN.put(name, kafka.kafka());
        POSTGRES_SEEN.put(name, postgres.postgres());
    }

    static class SharedA {
        @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();

        @RegisterExtension
        static final PostgresExtension POSTGRES = PostgresExtension.sharedPerJvm();

        @Test
        void recordsServers() {
            record("SharedA", KAFKA, POSTGRES);
        }
    }

    static class SharedB {
        @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();

        @RegisterExtension
        static final PostgresExtension POSTGRES = PostgresExtension.sharedPerJvm();

        @Test
        void recordsServers() {
            record("SharedB", KAFKA, POSTGRES);
        }
    }

    static class PerClassA {
        @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.perClass();
        @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.perClass();

        @Test
        void recordsServers() {
            record("PerClassA", KAFKA, POSTGRES);
        }
    }

    static class PerClassB {
        @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.perClass();
        @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.perClass();

        @Test
        void recordsServers() {
            record("PerClassB", KAFKA, POSTGRES);
        }
    }
}
