package dev.telemetry.job.validate;

import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.time.LatenessRule;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs chained to the source: sends rejected records to {@link #DEAD_LETTERS} and marks each
 * accepted reading late or on time.
 *
 * <p>Lateness is judged against the watermark of the reading's own Kafka partition, computed here
 * from the partition's highest event time so far with the same formula as the source's
 * per-partition watermark generator. That makes the verdict a function of the partition's record
 * order alone, so it is the same on every run, at any parallelism, and after a restore (the
 * per-partition maxima are checkpointed). Downstream operators see a combined watermark that is
 * never ahead of any partition's, so they never drop a reading this router judged on time; the
 * per-device window still routes anything it finds late (possible only after a partition returns
 * from idleness) to the late counter, so nothing is lost either way.
 */
public final class RecordRouter extends ProcessFunction<IngestedRecord, IngestedRecord>
        implements CheckpointedFunction {

    /** Rejected records, for the dead-letter topic and the {@code rejected_events} table. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final LatenessRule lateness;

    private transient Map<String, PartitionWatermark> partitions;
    private transient ListState<PartitionWatermark> checkpointed;

    // One-entry cache: a source reader emits runs of records from the same partition.
    private transient String cachedTopic;
    private transient int cachedPartition;
    private transient PartitionWatermark cached;

    public RecordRouter(LatenessRule lateness) {
        this.lateness = lateness;
    }

    @Override
    public void processElement(IngestedRecord record, Context ctx, Collector<IngestedRecord> out) {
        if (!record.isAccepted()) {
            ctx.output(DEAD_LETTERS, record.deadLetter);
            return;
        }
        PartitionWatermark partition = partition(record.topic, record.partition);
        long eventTime = record.reading.eventTime;
        record.late = lateness.isLate(eventTime, lateness.watermark(partition.maxEventTime));
        if (eventTime > partition.maxEventTime) {
            partition.maxEventTime = eventTime;
        }
        out.collect(record);
    }

    private PartitionWatermark partition(String topic, int partition) {
        if (cached != null && partition == cachedPartition && topic.equals(cachedTopic)) {
            return cached;
        }
        PartitionWatermark state =
                partitions.computeIfAbsent(
                        key(topic, partition),
                        k -> new PartitionWatermark(topic, partition, Long.MIN_VALUE));
        cachedTopic = topic;
        cachedPartition = partition;
        cached = state;
        return state;
    }

    private static String key(String topic, int partition) {
        return topic + '\u0000' + partition;
    }

    @VisibleForTesting
    long maxEventTime(String topic, int partition) {
        PartitionWatermark state = partitions.get(key(topic, partition));
        return state == null ? Long.MIN_VALUE : state.maxEventTime;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.clear();
        for (PartitionWatermark state : partitions.values()) {
            checkpointed.add(
                    new PartitionWatermark(state.topic, state.partition, state.maxEventTime));
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // Plain (split) list state: restored at the same parallelism, every subtask gets back its
        // own entries, matching the Kafka splits it gets back. Union state would hand every
        // subtask everything, but it blocks checkpoints once some subtasks of a bounded job have
        // finished. After a rescale a partition may arrive without its entry; its readings are
        // then judged leniently until it has seen newer ones, and the window routes anything it
        // finds late to the late counter, so nothing is lost.
        checkpointed =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "partition-watermarks", PartitionWatermark.class));
        partitions = new HashMap<>();
        cached = null;
        if (context.isRestored()) {
            for (PartitionWatermark restored : checkpointed.get()) {
                partitions.merge(
                        key(restored.topic, restored.partition),
                        restored,
                        (a, b) -> a.maxEventTime >= b.maxEventTime ? a : b);
            }
        }
    }
}
