package dev.telemetry.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.serde.TelemetrySource;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The topology's structure: stable uids and names, and no Kryo fallback anywhere. */
class TelemetryPipelineTest {

    /** The operators of ingest, data quality and KPIs (CEP and alerts are appended after them). */
    static final Set<OperatorIds> INGEST_AND_KPIS =
            EnumSet.range(OperatorIds.TELEMETRY_SOURCE, OperatorIds.ENERGY_SITE_KPIS_SINK);

    private static StreamExecutionEnvironment buildProductionTopology() {
        JobConfig config = JobConfig.of(Map.of("kafka.bounded", "true"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryPipeline.configureEnvironment(env, config);
        TelemetryPipeline.build(
                env,
                config,
                TelemetrySource.kafka(config, Clock.systemUTC()),
                PipelineSinks.builder().build());
        return env;
    }

    @Test
    void shouldGiveEveryOperatorAUidAndNameFromTheRegistry() {
        StreamGraph graph = buildProductionTopology().getStreamGraph();

        List<String> registered =
                Arrays.stream(OperatorIds.values()).map(OperatorIds::uid).toList();
        List<String> uids =
                graph.getStreamNodes().stream()
                        .map(StreamNode::getTransformationUID)
                        .filter(Objects::nonNull)
                        .map(uid -> uid.replaceFirst(": (Writer|Committer)$", ""))
                        .distinct()
                        .toList();
        assertThat(registered).containsAll(uids);
        assertThat(uids).containsAll(INGEST_AND_KPIS.stream().map(OperatorIds::uid).toList());
        for (StreamNode node : graph.getStreamNodes()) {
            assertThat(node.getTransformationUID())
                    .as("uid of %s", node.getOperatorName())
                    .isNotNull();
        }
    }

    @Test
    void shouldNameEveryOperatorAfterItsRegistryEntry() {
        StreamExecutionEnvironment env = buildProductionTopology();
        List<String> names =
                Arrays.stream(OperatorIds.values()).map(OperatorIds::displayName).toList();

        for (Transformation<?> t : env.getTransformations()) {
            assertThat(names).as("name of %s", t.getUid()).contains(t.getName());
        }
    }

    @Test
    void shouldDisableGenericTypesSoKryoFallbackFailsLoudly() {
        StreamExecutionEnvironment env = buildProductionTopology();

        Configuration conf = (Configuration) env.getConfiguration();
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        // Creating the graph's serializers throws on any GenericTypeInfo.
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    void shouldUseOnlyPojoOrBasicTypesOnEveryEdge() {
        StreamGraph graph = buildProductionTopology().getStreamGraph();

        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTypeSerializerOut() != null) {
                assertThat(node.getTypeSerializerOut().getClass().getSimpleName())
                        .as("serializer of %s", node.getOperatorName())
                        .doesNotContain("Kryo");
            }
        }
    }
}
