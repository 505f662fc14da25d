package dev.telemetry.job.validate;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.accepted;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.time.LatenessRule;
import dev.telemetry.model.RejectReason;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordRouterTest {

    private static final long SECOND = 1000;

    private OneInputStreamOperatorTestHarness<IngestedRecord, IngestedRecord> harness;

    private static OneInputStreamOperatorTestHarness<IngestedRecord, IngestedRecord> harness(
            Duration allowedLateness, OperatorSubtaskState restoreFrom) throws Exception {
        RecordRouter router =
                new RecordRouter(
                        new LatenessRule(
                                Duration.ofMinutes(1), Duration.ofSeconds(5), allowedLateness));
        OneInputStreamOperatorTestHarness<IngestedRecord, IngestedRecord> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router));
        harness.setup();
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(Duration.ZERO, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(int partition, long eventTime) throws Exception {
        IngestedRecord record = accepted(reading("ENG-" + partition, eventTime, 1), partition, 0);
        harness.processElement(record, eventTime);
    }

    private List<Boolean> lateFlags() {
        return harness.extractOutputValues().stream().map(r -> r.late).toList();
    }

    @Test
    void shouldRouteRejectedRecordsToDeadLetters() throws Exception {
        DeadLetter letter = new DeadLetter();
        letter.reason = RejectReason.MALFORMED_JSON;
        letter.sourceTopic = "telemetry";

        harness.processElement(IngestedRecord.rejected(letter), T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(RecordRouter.DEAD_LETTERS))
                .extracting(r -> r.getValue().reason)
                .containsExactly(RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldMarkReadingLateWhenItsWindowClosedOnItsPartition() throws Exception {
        send(0, T0 + 70 * SECOND); // partition watermark T0 + 64.999 s closes [T0, T0 + 60 s)
        send(0, T0 + 30 * SECOND);

        assertThat(lateFlags()).containsExactly(false, true);
    }

    @Test
    void shouldAcceptOutOfOrderReadingWithinBound() throws Exception {
        send(0, T0 + 62 * SECOND); // watermark T0 + 56.999 s: [T0, T0 + 60 s) still open
        send(0, T0 + 58 * SECOND);

        assertThat(lateFlags()).containsExactly(false, false);
    }

    @Test
    void shouldJudgeEachPartitionByItsOwnProgress() throws Exception {
        send(0, T0 + 600 * SECOND);
        send(1, T0 + 30 * SECOND); // partition 1 has seen nothing later

        assertThat(lateFlags()).containsExactly(false, false);
    }

    @Test
    void shouldNotCountRejectedRecordsTowardsPartitionProgress() throws Exception {
        DeadLetter letter = new DeadLetter();
        letter.reason = RejectReason.FUTURE_EVENT_TIME;
        letter.sourceTopic = "telemetry";
        letter.recordTimestamp = T0 + 3600 * SECOND;
        harness.processElement(IngestedRecord.rejected(letter), letter.recordTimestamp);

        send(0, T0 + 30 * SECOND);

        assertThat(lateFlags()).containsExactly(false);
    }

    @Test
    void shouldHonourAllowedLateness() throws Exception {
        harness.close();
        harness = harness(Duration.ofSeconds(10), null);

        send(0, T0 + 69 * SECOND); // watermark T0 + 63.999 s < window max + lateness
        send(0, T0 + 30 * SECOND);
        send(0, T0 + 71 * SECOND); // watermark T0 + 65.999 s
        send(0, T0 + 30 * SECOND);
        send(0, T0 + 75 * SECOND); // watermark T0 + 69.999 s = window max + lateness
        send(0, T0 + 30 * SECOND);

        assertThat(lateFlags()).containsExactly(false, false, false, false, false, true);
    }

    @Test
    void shouldKeepPartitionProgressAcrossRestore() throws Exception {
        send(0, T0 + 70 * SECOND);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = harness(Duration.ZERO, snapshot);
        send(0, T0 + 30 * SECOND);

        assertThat(lateFlags()).containsExactly(true);
    }
}
