package dev.telemetry.job.model;

/**
 * One Kafka record after decoding and validation: exactly one of {@link #reading} and {@link
 * #deadLetter} is set. Carries the source partition so that lateness can be judged per partition
 * (see {@code dev.telemetry.job.validate.RecordRouter}).
 */
public class IngestedRecord {

    public String topic;
    public int partition;
    public long offset;

    /** Kafka record timestamp (epoch ms), or -1 if absent. */
    public long recordTimestamp;

    /** The validated reading, or null if the record was rejected. */
    public Reading reading;

    /** The rejection, or null if the record was accepted. */
    public DeadLetter deadLetter;

    /**
     * Set by the router: the reading's window had already closed (beyond allowed lateness) when it
     * arrived, judged against its partition's watermark.
     */
    public boolean late;

    public IngestedRecord() {}

    public static IngestedRecord accepted(
            String topic, int partition, long offset, long recordTimestamp, Reading reading) {
        IngestedRecord record = new IngestedRecord();
        record.topic = topic;
        record.partition = partition;
        record.offset = offset;
        record.recordTimestamp = recordTimestamp;
        record.reading = reading;
        return record;
    }

    public static IngestedRecord rejected(DeadLetter deadLetter) {
        IngestedRecord record = new IngestedRecord();
        record.topic = deadLetter.sourceTopic;
        record.partition = deadLetter.sourcePartition;
        record.offset = deadLetter.sourceOffset;
        record.recordTimestamp = deadLetter.recordTimestamp;
        record.deadLetter = deadLetter;
        return record;
    }

    public boolean isAccepted() {
        return reading != null;
    }

    /** Event time for watermarks: the reading's event time, else the record timestamp. */
    public long timestamp() {
        return reading != null ? reading.eventTime : recordTimestamp;
    }

    @Override
    public String toString() {
        return "IngestedRecord{"
                + topic
                + "-"
                + partition
                + "@"
                + offset
                + (late ? " late " : " ")
                + (reading != null ? reading : deadLetter)
                + "}";
    }
}
