package dev.telemetry.job.dedup;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static dev.telemetry.job.testing.TestRecords.routed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.model.Reading;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    private static final Duration IDLE = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, IngestedRecord, Reading> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new Deduplicator(128, IDLE), r -> r.reading.deviceId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String device, long seq, boolean late) throws Exception {
        long eventTime = T0 + seq * 1000;
        harness.processElement(routed(reading(device, eventTime, seq), late), eventTime);
    }

    private List<Long> seqs(List<Reading> readings) {
        return readings.stream().map(r -> r.seq).toList();
    }

    private List<Long> sideSeqs(OutputTag<Reading> tag) {
        var records = harness.getSideOutput(tag);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).map(r -> r.seq).toList();
    }

    @Test
    void shouldForwardFirstOccurrenceAndRouteRepeatToDuplicates() throws Exception {
        send("A", 1, false);
        send("A", 2, false);
        send("A", 1, false);

        assertThat(seqs(harness.extractOutputValues())).containsExactly(1L, 2L);
        assertThat(sideSeqs(Deduplicator.DUPLICATES)).containsExactly(1L);
    }

    @Test
    void shouldKeepDevicesApart() throws Exception {
        send("A", 1, false);
        send("B", 1, false);

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.deviceId)
                .containsExactly("A", "B");
        assertThat(sideSeqs(Deduplicator.DUPLICATES)).isEmpty();
    }

    @Test
    void shouldAcceptOutOfOrderSeqsOnce() throws Exception {
        send("A", 5, false);
        send("A", 3, false);
        send("A", 4, false);
        send("A", 3, false);

        assertThat(seqs(harness.extractOutputValues())).containsExactly(5L, 3L, 4L);
        assertThat(sideSeqs(Deduplicator.DUPLICATES)).containsExactly(3L);
    }

    @Test
    void shouldRouteUniqueLateReadingToLateOutput() throws Exception {
        send("A", 100, false);
        send("A", 2, true);

        assertThat(seqs(harness.extractOutputValues())).containsExactly(100L);
        assertThat(sideSeqs(Deduplicator.LATE)).containsExactly(2L);
    }

    @Test
    void shouldCountLateRepeatAsDuplicateNotLate() throws Exception {
        send("A", 2, false);
        send("A", 2, true);

        assertThat(sideSeqs(Deduplicator.DUPLICATES)).containsExactly(2L);
        assertThat(sideSeqs(Deduplicator.LATE)).isEmpty();
    }

    @Test
    void shouldTreatSeqOlderThanTrackedRangeAsNew() throws Exception {
        send("A", 1, false);
        send("A", 1000, false);
        send("A", 1, false);

        assertThat(seqs(harness.extractOutputValues())).containsExactly(1L, 1000L, 1L);
    }

    @Test
    void shouldClearStateOfIdleDeviceOnceWatermarkPassesTimeout() throws Exception {
        send("A", 1, false);
        send("B", 1, false);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T0 + 1000 + IDLE.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T0 + 1000 + IDLE.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepStateOfActiveDeviceAndRearmItsTimer() throws Exception {
        send("A", 1, false);
        send("A", 300, false); // 5 minutes later in event time

        harness.processWatermark(T0 + 1000 + IDLE.toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        send("A", 300, false);
        assertThat(sideSeqs(Deduplicator.DUPLICATES)).containsExactly(300L);

        harness.processWatermark(T0 + 300_000 + IDLE.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
