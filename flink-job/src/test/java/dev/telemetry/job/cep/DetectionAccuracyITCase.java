package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.AlertEvent;
import dev.telemetry.job.alert.AlertStatus;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.score.AlertRecord;
import dev.telemetry.job.score.AlertScorer;
import dev.telemetry.job.score.ScoreReport;
import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.Family;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection stage alone on a MiniCluster at parallelism 2, fed a fixed-seed simulator run with
 * every anomaly type forced and no bad data: a quick accuracy check of the detectors and rules.
 */
class DetectionAccuracyITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(noKryo())
                            .build());

    private static Configuration noKryo() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    @Test
    void shouldDetectEveryInjectedAnomalyTypePrecisely() throws Exception {
        List<Reading> readings = new ArrayList<>();
        List<GroundTruthLabel> labels = new ArrayList<>();
        SimulationOptions options =
                new SimulationOptions(
                        11,
                        EnumSet.allOf(Family.class),
                        6,
                        2.0,
                        Duration.ofMinutes(8),
                        1_704_067_200_000L,
                        SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                        0.0);
        new Simulation(
                        options,
                        AnomalyPlan.everyType(3),
                        EnumSet.noneOf(dev.telemetry.model.label.BadDataType.class))
                .run(
                        new RecordSink() {
                            @Override
                            public void send(SimRecord record) {
                                DecodeResult decoded = TelemetryJson.decode(record.payload());
                                if (decoded.isOk()) {
                                    readings.add(Reading.of(decoded.event()));
                                }
                            }

                            @Override
                            public void close() {}
                        },
                        labels::add);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Reading> input =
                env.fromData(readings, TypeInformation.of(Reading.class))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Reading>forBoundedOutOfOrderness(
                                                Duration.ofSeconds(5))
                                        .withTimestampAssigner((r, ts) -> r.eventTime))
                        .setParallelism(1);
        DataStream<String> rules = env.fromData(List.of(""), Types.STRING);
        AnomalyDetection.Outputs outputs = AnomalyDetection.build(input, rules);

        List<AlertRecord> alerts = new ArrayList<>();
        try (CloseableIterator<AlertEvent> events = outputs.alertEvents().executeAndCollect()) {
            while (events.hasNext()) {
                AlertEvent e = events.next();
                if (e.status == AlertStatus.OPEN) {
                    alerts.add(new AlertRecord(e.alertId, e.deviceId, e.type, e.onset));
                }
            }
        }
        ScoreReport report = AlertScorer.score(alerts, labels, AlertScorer.DEFAULT_GRACE);
        System.out.println(report.toTable());
        for (AnomalyType type : AnomalyType.values()) {
            ScoreReport.Row row = report.row(type.name());
            assertThat(row).as(type.name()).isNotNull();
            assertThat(row.labels()).as(type + " labels").isPositive();
            assertThat(row.precision()).as(type + " precision").isGreaterThanOrEqualTo(0.95);
            assertThat(row.recall()).as(type + " recall").isGreaterThanOrEqualTo(0.95);
        }
        assertThat(report.total().delayP50Ms()).isLessThanOrEqualTo(5000);
    }
}
