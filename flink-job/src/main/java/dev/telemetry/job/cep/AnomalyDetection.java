package dev.telemetry.job.cep;

import dev.telemetry.job.OperatorIds;
import dev.telemetry.job.alert.AlertEvent;
import dev.telemetry.job.alert.AlertLifecycleFunction;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.Rule;
import dev.telemetry.job.rules.RuleAnnotator;
import dev.telemetry.job.rules.RuleRejection;
import dev.telemetry.job.rules.RuleValidationFunction;
import dev.telemetry.job.rules.RuleWatermarks;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The detection stage, readable top to bottom:
 *
 * <pre>
 * rule updates (JSON) ─ rule-validator ── rejected ──> rejected_rules
 *                        └ rule-watermarks ─ broadcast ─┐
 * readings ─ keyBy device ─────────────────── rule-annotator (rules in force + baselines)
 *    ├ engine-detector-input ─ cep-pressure-spike, cep-{chamber,turbopump}-temperature-runaway,
 *    │                         cep-fuel-system-failure
 *    ├ battery-detector-input ─ cep-battery-thermal-runaway, cep-soc-collapse, cep-over-power
 *    ├ flight-detector-input ─ cep-rapid-descent, cep-impossible-jump
 *    ├ sensor-dropout, frozen-sensor
 *    └ detections ─ keyBy device ─ alert-lifecycle (+ readings as clear evidence) ─> alert events
 * </pre>
 *
 * Everything after the annotator stays partitioned by device, so the family filters and CEP
 * operators are reinterpreted as keyed streams without another shuffle. All operators run in event
 * time.
 */
public final class AnomalyDetection {

    private static final KeySelector<AnnotatedReading, String> DEVICE = a -> a.reading.deviceId;

    private AnomalyDetection() {}

    /**
     * The stage's outputs.
     *
     * @param alertEvents alert transitions, for {@code alerts} and {@code alert_events}
     * @param rejectedRules refused rule updates, for {@code rejected_rules}
     * @param detections every detector firing (before the lifecycle), for tests and metrics
     */
    public record Outputs(
            DataStream<AlertEvent> alertEvents,
            DataStream<RuleRejection> rejectedRules,
            DataStream<Detection> detections) {}

    /** A CEP detector and its operator id. */
    record Detector(AnomalyPattern pattern, OperatorIds id) {}

    static final List<Detector> ENGINE_DETECTORS =
            List.of(
                    new Detector(new PressureSpikePattern(), OperatorIds.CEP_PRESSURE_SPIKE),
                    new Detector(
                            new TemperatureRunawayPattern(Metrics.CHAMBER_TEMP_K),
                            OperatorIds.CEP_CHAMBER_TEMPERATURE_RUNAWAY),
                    new Detector(
                            new TemperatureRunawayPattern(Metrics.TURBOPUMP_TEMP_K),
                            OperatorIds.CEP_TURBOPUMP_TEMPERATURE_RUNAWAY),
                    new Detector(
                            new FuelSystemFailurePattern(), OperatorIds.CEP_FUEL_SYSTEM_FAILURE));

    static final List<Detector> BATTERY_DETECTORS =
            List.of(
                    new Detector(
                            new BatteryThermalRunawayPattern(),
                            OperatorIds.CEP_BATTERY_THERMAL_RUNAWAY),
                    new Detector(new SocCollapsePattern(), OperatorIds.CEP_SOC_COLLAPSE),
                    new Detector(new OverPowerPattern(), OperatorIds.CEP_OVER_POWER));

    static final List<Detector> FLIGHT_DETECTORS =
            List.of(
                    new Detector(new RapidDescentPattern(), OperatorIds.CEP_RAPID_DESCENT),
                    new Detector(new ImpossibleJumpPattern(), OperatorIds.CEP_IMPOSSIBLE_JUMP));

    /** The families whose detectors compare against baselines: only these need the annotator's. */
    static Set<Family> baselineFamilies() {
        Set<Family> families = EnumSet.noneOf(Family.class);
        for (List<Detector> detectors :
                List.of(ENGINE_DETECTORS, BATTERY_DETECTORS, FLIGHT_DETECTORS)) {
            for (Detector detector : detectors) {
                if (detector.pattern().readsBaseline()) {
                    families.addAll(detector.pattern().type().families());
                }
            }
        }
        return families;
    }

    /**
     * Builds the stage.
     *
     * @param readings validated readings with event-time timestamps and watermarks
     * @param ruleUpdates raw rule updates (one JSON rule per element), e.g. the rules topic
     */
    public static Outputs build(DataStream<Reading> readings, DataStream<String> ruleUpdates) {
        SingleOutputStreamOperator<Rule> rules =
                OperatorIds.RULE_VALIDATOR.applyTo(
                        ruleUpdates.process(new RuleValidationFunction()).setParallelism(1));
        DataStream<RuleRejection> rejected = rules.getSideOutput(RuleValidationFunction.REJECTED);

        KeyedStream<Reading, String> byDevice = readings.keyBy(r -> r.deviceId);
        SingleOutputStreamOperator<AnnotatedReading> annotated =
                OperatorIds.RULE_ANNOTATOR.applyTo(
                        byDevice.connect(
                                        OperatorIds.RULE_WATERMARKS
                                                .applyTo(
                                                        rules.transform(
                                                                        OperatorIds.RULE_WATERMARKS
                                                                                .displayName(),
                                                                        TypeInformation.of(
                                                                                Rule.class),
                                                                        new RuleWatermarks())
                                                                .setParallelism(1))
                                                .broadcast(RuleAnnotator.RULES_STATE))
                                .process(new RuleAnnotator(baselineFamilies())));

        List<DataStream<Detection>> detections = new ArrayList<>();
        detect(
                annotated,
                a -> a.reading.family == Family.ENGINE,
                OperatorIds.ENGINE_DETECTOR_INPUT,
                ENGINE_DETECTORS,
                detections);
        detect(
                annotated,
                a -> a.reading.family == Family.VEHICLE || a.reading.family == Family.ENERGY,
                OperatorIds.BATTERY_DETECTOR_INPUT,
                BATTERY_DETECTORS,
                detections);
        detect(
                annotated,
                a -> a.reading.family == Family.FLIGHT,
                OperatorIds.FLIGHT_DETECTOR_INPUT,
                FLIGHT_DETECTORS,
                detections);
        KeyedStream<AnnotatedReading, String> all = keyed(annotated);
        detections.add(
                OperatorIds.SENSOR_DROPOUT.applyTo(all.process(new SensorDropoutFunction())));
        detections.add(OperatorIds.FROZEN_SENSOR.applyTo(all.process(new FrozenSensorFunction())));

        DataStream<Detection> fired = detections.get(0);
        for (DataStream<Detection> more : detections.subList(1, detections.size())) {
            fired = fired.union(more);
        }
        SingleOutputStreamOperator<AlertEvent> alerts =
                OperatorIds.ALERT_LIFECYCLE.applyTo(
                        fired.keyBy(d -> d.deviceId)
                                .connect(byDevice)
                                .process(new AlertLifecycleFunction()));
        return new Outputs(alerts, rejected, fired);
    }

    private static void detect(
            DataStream<AnnotatedReading> annotated,
            FilterFunction<AnnotatedReading> family,
            OperatorIds inputId,
            List<Detector> detectors,
            List<DataStream<Detection>> out) {
        KeyedStream<AnnotatedReading, String> input =
                keyed(inputId.applyTo(annotated.filter(family)));
        for (Detector detector : detectors) {
            out.add(
                    detector.id()
                            .applyTo(
                                    CEP.pattern(input, detector.pattern().pattern())
                                            .inEventTime()
                                            .process(
                                                    new PatternDetectionFunction(
                                                            detector.pattern()),
                                                    TypeInformation.of(Detection.class))));
        }
    }

    /** The annotator's output is partitioned by device already: no shuffle needed. */
    private static KeyedStream<AnnotatedReading, String> keyed(
            DataStream<AnnotatedReading> stream) {
        return DataStreamUtils.reinterpretAsKeyedStream(stream, DEVICE, Types.STRING);
    }
}
