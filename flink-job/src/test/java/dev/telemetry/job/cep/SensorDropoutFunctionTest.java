package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.model.label.AnomalyType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SensorDropoutFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SensorDropoutFunction(), r -> r.reading.deviceId, Types.STRING);
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> h,
            List<Reading> readings)
            throws Exception {
        for (AnnotatedReading r : DetectorHarness.annotate(readings)) {
            h.processElement(r, r.time());
            h.processWatermark(r.time());
        }
    }

    private static List<Reading> everySecond(TestReadings device, int n) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readings.add(device.read(i * 1000L));
        }
        return readings;
    }

    @Test
    void shouldEmitDropoutWhenActiveDeviceIsSilentForTheTimeout() throws Exception {
        try (var h = harness()) {
            feed(h, everySecond(TestReadings.engine("E1"), 5));
            h.processWatermark(TestReadings.T0 + 6_999);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(TestReadings.T0 + 20_000);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.type).isEqualTo(AnomalyType.SENSOR_DROPOUT);
                                assertThat(d.eventTime).isEqualTo(TestReadings.T0 + 7_000);
                                assertThat(d.clear).isEqualTo(ClearCondition.DEVICE_REPORTS);
                                assertThat(d.phase).isEqualTo("mainstage");
                            });
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldNotEmitWhileTheDeviceKeepsReporting() throws Exception {
        try (var h = harness()) {
            feed(h, everySecond(TestReadings.engine("E1"), 30));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotExpectAParkedCarToReportAndKeepNoStateForIt() throws Exception {
        try (var h = harness()) {
            feed(h, everySecond(TestReadings.vehicle("V1").phase("parked"), 3));
            h.processWatermark(TestReadings.T0 + 60_000);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldStopWatchingWhenTheDeviceParks() throws Exception {
        try (var h = harness()) {
            TestReadings car = TestReadings.vehicle("V1");
            List<Reading> readings = new ArrayList<>(everySecond(car, 3));
            readings.add(car.phase("parked").read(3000));
            feed(h, readings);
            h.processWatermark(TestReadings.T0 + 60_000);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void shouldReportTheSameDropoutWhenTheNextReadingArrivesBeforeTheWatermark() throws Exception {
        TestReadings engine = TestReadings.engine("E1");
        List<Reading> readings = everySecond(engine, 5);
        readings.add(engine.read(20_000));
        try (var h = harness()) {
            for (AnnotatedReading r : DetectorHarness.annotate(readings)) {
                h.processElement(r, r.time()); // a fast replay: no watermark in between
            }
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(d -> assertThat(d.eventTime).isEqualTo(TestReadings.T0 + 7_000));
            h.processWatermark(TestReadings.T0 + 21_000);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void shouldNotTakeTheEndOfABoundedInputForADropout() throws Exception {
        try (var h = harness()) {
            feed(h, everySecond(TestReadings.engine("E1"), 5));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
