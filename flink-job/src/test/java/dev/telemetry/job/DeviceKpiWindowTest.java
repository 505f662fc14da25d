package dev.telemetry.job;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.config.JobOptions;
import dev.telemetry.job.kpi.DeviceStats;
import dev.telemetry.job.kpi.DeviceWindowKpi;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production per-device KPI window, driven through a harness. */
class DeviceKpiWindowTest {

    private static final long MINUTE = 60_000;
    private static final int PRESSURE =
            Metrics.indexOf(Family.ENGINE, Metrics.CHAMBER_PRESSURE_BAR);

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, DeviceWindowKpi> harness;

    @SuppressWarnings("unchecked")
    private void open(String allowedLateness) throws Exception {
        JobConfig config = JobConfig.of(Map.of(JobOptions.ALLOWED_LATENESS.key(), allowedLateness));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var window =
                TelemetryPipeline.deviceKpiWindow(
                        env.fromData(TypeInformation.of(Reading.class), reading("X", T0, 0)),
                        config);
        OneInputStreamOperator<Reading, DeviceWindowKpi> operator =
                ((OneInputTransformation<Reading, DeviceWindowKpi>) window.getTransformation())
                        .getOperator();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, r -> r.deviceId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String device, long eventTime, long seq, double pressure) throws Exception {
        Reading r =
                reading(
                        device,
                        Family.ENGINE,
                        eventTime,
                        seq,
                        Metrics.CHAMBER_PRESSURE_BAR,
                        pressure);
        harness.processElement(r, eventTime);
    }

    private List<DeviceWindowKpi> results() {
        return harness.extractOutputValues();
    }

    @Test
    void shouldAggregateCountMinAvgMaxLastAndStddevPerDeviceWindow() throws Exception {
        open("0 s");
        send("A", T0 + 3000, 3, 30);
        send("A", T0 + 1000, 1, 10); // out of order: not the last by event time
        send("A", T0 + 2000, 2, 20);
        send("B", T0 + 1000, 1, 99);
        send("A", T0 + MINUTE, 4, 40); // next window

        harness.processWatermark(T0 + MINUTE - 1);

        assertThat(results()).hasSize(2);
        DeviceWindowKpi a =
                results().stream().filter(k -> k.deviceId.equals("A")).findFirst().get();
        DeviceStats stats = a.stats;
        assertThat(a.windowStart).isEqualTo(T0);
        assertThat(a.windowEnd).isEqualTo(T0 + MINUTE);
        assertThat(stats.readingCount).isEqualTo(3);
        assertThat(stats.count[PRESSURE]).isEqualTo(3);
        assertThat(stats.min[PRESSURE]).isEqualTo(10);
        assertThat(stats.meanOf(PRESSURE)).isEqualTo(20, within(1e-12));
        assertThat(stats.max[PRESSURE]).isEqualTo(30);
        assertThat(stats.last[PRESSURE]).isEqualTo(30);
        assertThat(stats.first[PRESSURE]).isEqualTo(10);
        assertThat(stats.stddev(PRESSURE)).isEqualTo(Math.sqrt(200.0 / 3), within(1e-12));
        assertThat(stats.firstEventTime).isEqualTo(T0 + 1000);
        assertThat(stats.lastEventTime).isEqualTo(T0 + 3000);
    }

    @Test
    void shouldNotFireBeforeWatermarkPassesWindowEnd() throws Exception {
        open("0 s");
        send("A", T0 + 1000, 1, 10);

        harness.processWatermark(T0 + MINUTE - 2);
        assertThat(results()).isEmpty();

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(results()).hasSize(1);
    }

    @Test
    void shouldRouteEventsBeyondLatenessToSideOutput() throws Exception {
        open("0 s");
        send("A", T0 + 1000, 1, 10);
        harness.processWatermark(T0 + MINUTE);

        send("A", T0 + 2000, 2, 20);

        assertThat(results()).hasSize(1);
        assertThat(harness.getSideOutput(TelemetryPipeline.LATE_AT_WINDOW))
                .extracting(StreamRecord::getValue)
                .extracting(r -> r.seq)
                .containsExactly(2L);
    }

    @Test
    void shouldRefireWindowForReadingWithinAllowedLateness() throws Exception {
        open("10 s");
        send("A", T0 + 1000, 1, 10);
        harness.processWatermark(T0 + MINUTE);
        send("A", T0 + 2000, 2, 20);

        assertThat(results()).extracting(k -> k.stats.readingCount).containsExactly(1L, 2L);
        assertThat(harness.getSideOutput(TelemetryPipeline.LATE_AT_WINDOW)).isNull();
    }

    @Test
    void shouldClearWindowStateOnceLatenessHasPassed() throws Exception {
        open("10 s");
        send("A", T0 + 1000, 1, 10);
        send("B", T0 + 1000, 1, 10);
        harness.processWatermark(T0 + MINUTE);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T0 + MINUTE + 10_000);

        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
