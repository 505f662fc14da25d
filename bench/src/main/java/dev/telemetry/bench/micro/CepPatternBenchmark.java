package dev.telemetry.bench.micro;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.cep.AnomalyPattern;
import dev.telemetry.job.cep.OverPowerPattern;
import dev.telemetry.job.cep.PatternDetectionFunction;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.DefaultRules;
import dev.telemetry.job.rules.Rule;
import dev.telemetry.job.rules.RuleAnnotator;
import dev.telemetry.model.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One CEP detector per event: {@link OverPowerPattern} (battery power beyond the rating) in Flink's
 * {@link CepOperator}, in an operator test harness with the heap state backend, fed annotated
 * vehicle and energy readings with the watermark advanced after every batch of {@value #BATCH}
 * (about four readings per device, as the 5 s out-of-orderness does at 1 Hz). Compared with the
 * pattern's condition alone (what the detector decides) and with the annotate stage ({@link
 * RuleAnnotator}, also in a harness) that feeds every detector.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CepPatternBenchmark {

    static final int BATCH = 512;

    private final AnomalyPattern pattern = new OverPowerPattern();
    private Reading[] readings;
    private AnnotatedReading[] annotated;
    private long span;
    private int cursor;
    private IterativeCondition<AnnotatedReading> condition;
    private KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> cep;
    private KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> annotator;

    @Setup
    public void setUp() throws Exception {
        List<Reading> all =
                SimulatedRecords.readings(
                        SimulatedRecords.generate(
                                EnumSet.of(Family.VEHICLE, Family.ENERGY), 64, 256));
        readings = all.toArray(new Reading[0]);
        span = readings[readings.length - 1].eventTime - readings[0].eventTime + 1000;
        annotator = annotator();
        List<AnnotatedReading> out = new ArrayList<>();
        for (Reading r : readings) {
            annotator.processElement(r, r.eventTime);
        }
        out.addAll(annotator.extractOutputValues());
        annotated = out.toArray(new AnnotatedReading[0]);
        annotator.close();
        annotator = annotator();
        condition = condition(pattern);
        cep = cep();
    }

    @TearDown
    public void tearDown() throws Exception {
        cep.close();
        annotator.close();
    }

    /** Baseline: the pattern's condition alone on each reading. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int condition() throws Exception {
        int matched = 0;
        for (int i = 0; i < BATCH; i++) {
            if (condition.filter(annotated[advance()], null)) {
                matched++;
            }
        }
        return matched;
    }

    /** The detector as the job runs it: buffered by event time, NFA state per device. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cepOperator() throws Exception {
        long time = 0;
        for (int i = 0; i < BATCH; i++) {
            int n = advance();
            time = annotated[n].reading.eventTime;
            cep.processElement(new StreamRecord<>(annotated[n], time));
        }
        cep.processWatermark(time);
        cep.getOutput().clear();
    }

    /** The rule annotator (rule lookup, rolling baseline in keyed state) per reading. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void annotate() throws Exception {
        long time = 0;
        for (int i = 0; i < BATCH; i++) {
            int n = advance();
            time = readings[n].eventTime;
            annotator.processElement(new StreamRecord<>(readings[n], time));
        }
        annotator.processWatermark(time);
        annotator.getOutput().clear();
    }

    /** The next index; past the end, every event time moves on by the input's span. */
    private int advance() {
        if (cursor == readings.length) {
            cursor = 0;
            for (int i = 0; i < readings.length; i++) {
                readings[i].eventTime += span;
                if (annotated[i].reading != readings[i]) {
                    annotated[i].reading.eventTime += span;
                }
            }
        }
        return cursor++;
    }

    @SuppressWarnings("unchecked") // a single-stage pattern over AnnotatedReading
    private static IterativeCondition<AnnotatedReading> condition(AnomalyPattern pattern) {
        return (IterativeCondition<AnnotatedReading>) pattern.pattern().getCondition();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> cep()
            throws Exception {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        CepOperator<AnnotatedReading, String, Detection> operator =
                new CepOperator<>(
                        TypeInformation.of(AnnotatedReading.class).createSerializer(noKryo),
                        false,
                        NFACompiler.compileFactory(pattern.pattern(), false),
                        null,
                        pattern.pattern().getAfterMatchSkipStrategy(),
                        new PatternDetectionFunction(pattern),
                        null);
        KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, r -> r.reading.deviceId, Types.STRING);
        h.open();
        return h;
    }

    private static KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading>
            annotator() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new RuleAnnotator(
                        DefaultRules.load(), Duration.ofSeconds(60), Duration.ofMinutes(10)),
                r -> r.deviceId,
                Types.STRING,
                RuleAnnotator.RULES_STATE);
    }
}
