package dev.telemetry.job.validate;

/** Checkpointed per-partition progress of the {@link RecordRouter}: the highest event time seen. */
public class PartitionWatermark {

    public String topic;
    public int partition;
    public long maxEventTime;

    public PartitionWatermark() {}

    public PartitionWatermark(String topic, int partition, long maxEventTime) {
        this.topic = topic;
        this.partition = partition;
        this.maxEventTime = maxEventTime;
    }
}
