package dev.telemetry.job.testing;

import dev.telemetry.job.model.Reading;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Fails the job once: when a checkpoint that covers at least {@code minRecords} readings of this
 * subtask has completed. The job then restarts from that checkpoint. Static flags, because the
 * MiniCluster runs in the test's JVM.
 */
public final class FailOnceAfterCheckpoint extends RichMapFunction<Reading, Reading>
        implements CheckpointedFunction, CheckpointListener {

    public static final AtomicBoolean FAILED = new AtomicBoolean();
    public static final AtomicBoolean RESTORED = new AtomicBoolean();

    private final long minRecords;
    private transient long seen;
    private transient long armedAtCheckpoint;
    private transient ListState<Long> seenState;

    public FailOnceAfterCheckpoint(long minRecords) {
        this.minRecords = minRecords;
    }

    public static void reset() {
        FAILED.set(false);
        RESTORED.set(false);
    }

    @Override
    public Reading map(Reading reading) {
        seen++;
        return reading;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        seenState.update(java.util.List.of(seen));
        if (seen >= minRecords && armedAtCheckpoint < 0) {
            armedAtCheckpoint = context.getCheckpointId();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (armedAtCheckpoint >= 0
                && checkpointId >= armedAtCheckpoint
                && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("Injected failure after checkpoint " + checkpointId);
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        armedAtCheckpoint = -1;
        seenState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("seen", Long.class));
        if (context.isRestored()) {
            RESTORED.set(true);
            for (Long value : seenState.get()) {
                seen += value;
            }
        }
    }
}
