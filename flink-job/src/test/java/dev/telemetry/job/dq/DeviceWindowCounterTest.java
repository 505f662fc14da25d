package dev.telemetry.job.dq;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.DeviceWindowCount;
import dev.telemetry.job.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceWindowCounterTest {

    private static final long MINUTE = 60_000;
    private static final Duration RETENTION = Duration.ofMinutes(30);

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, DeviceWindowCount> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DeviceWindowCounter(Duration.ofMinutes(1), RETENTION),
                        r -> r.deviceId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String device, long eventTime) throws Exception {
        harness.processElement(reading(device, eventTime, 1), eventTime);
    }

    @Test
    void shouldEmitAbsoluteCountPerDeviceAndWindowWhenWatermarkAdvances() throws Exception {
        harness.processWatermark(T0 + 10 * MINUTE);
        send("A", T0 + 1000);
        send("A", T0 + 2000);
        send("A", T0 + MINUTE + 5);
        send("B", T0 + 3000);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + 10 * MINUTE + 1);

        assertThat(harness.extractOutputValues())
                .containsExactlyInAnyOrder(
                        new DeviceWindowCount("A", "engine", T0, T0 + MINUTE, 2),
                        new DeviceWindowCount("A", "engine", T0 + MINUTE, T0 + 2 * MINUTE, 1),
                        new DeviceWindowCount("B", "engine", T0, T0 + MINUTE, 1));
    }

    @Test
    void shouldEmitGrownCountForLaterArrivalsOnly() throws Exception {
        harness.processWatermark(T0 + 10 * MINUTE);
        send("A", T0 + 1000);
        send("A", T0 + MINUTE + 1000);
        harness.processWatermark(T0 + 10 * MINUTE + 1);
        harness.getOutput().clear();

        send("A", T0 + 2000);
        harness.processWatermark(T0 + 10 * MINUTE + 2);

        assertThat(harness.extractOutputValues())
                .containsExactly(new DeviceWindowCount("A", "engine", T0, T0 + MINUTE, 2));
    }

    @Test
    void shouldClearCountsAfterRetention() throws Exception {
        send("A", T0 + 1000);
        send("B", T0 + MINUTE + 1000);
        harness.processWatermark(T0 + 2 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T0 + MINUTE + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(T0 + 2 * MINUTE + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
