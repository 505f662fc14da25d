package dev.telemetry.job.cep;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.DefaultRules;
import dev.telemetry.job.rules.Rule;
import dev.telemetry.job.rules.RuleAnnotator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * Runs readings through the real {@link RuleAnnotator} and a detector in operator test harnesses,
 * with generic types disabled so a Kryo fallback fails the test.
 */
public final class DetectorHarness {

    private DetectorHarness() {}

    /** Serializer config that refuses Kryo. */
    public static SerializerConfigImpl noKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }

    /** The readings annotated with the default rules, after applying {@code updates}. */
    public static List<AnnotatedReading> annotate(List<Reading> readings, Rule... updates)
            throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> h =
                annotator()) {
            for (Rule rule : updates) {
                h.processBroadcastElement(rule, 0);
            }
            for (Reading r : readings) {
                h.processElement(r, r.eventTime);
            }
            return h.extractOutputValues();
        }
    }

    public static KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading>
            annotator() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleAnnotator(
                                DefaultRules.load(),
                                Duration.ofSeconds(10),
                                Duration.ofMinutes(10),
                                AnomalyDetection.baselineFamilies()),
                        r -> r.deviceId,
                        Types.STRING,
                        RuleAnnotator.RULES_STATE);
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        return h;
    }

    /** A harness around the CEP operator of a pattern, as {@code CEP.pattern} would build it. */
    public static KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> cep(
            AnomalyPattern pattern) throws Exception {
        TypeSerializer<AnnotatedReading> serializer =
                TypeInformation.of(AnnotatedReading.class).createSerializer(noKryo());
        CepOperator<AnnotatedReading, String, Detection> operator =
                new CepOperator<>(
                        serializer,
                        false,
                        NFACompiler.compileFactory(pattern.pattern(), false),
                        null,
                        pattern.pattern().getAfterMatchSkipStrategy(),
                        new PatternDetectionFunction(pattern),
                        null);
        KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, r -> r.reading.deviceId, Types.STRING);
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        h.open();
        return h;
    }

    /** Annotates the readings, runs them through the pattern in event time, returns detections. */
    public static List<Detection> detect(
            AnomalyPattern pattern, List<Reading> readings, Rule... updates) throws Exception {
        List<AnnotatedReading> annotated = annotate(readings, updates);
        try (KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> h =
                cep(pattern)) {
            for (AnnotatedReading r : annotated) {
                h.processElement(r, r.time());
                h.processWatermark(r.time());
            }
            return new ArrayList<>(h.extractOutputValues());
        }
    }
}
