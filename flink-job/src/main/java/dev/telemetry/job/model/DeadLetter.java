package dev.telemetry.job.model;

import dev.telemetry.model.RejectReason;

/**
 * A record the job could not accept, with why and where it came from: written to the dead-letter
 * topic and the {@code rejected_events} table. A Flink POJO; the payload is capped (see {@link
 * #payloadSize} for the original size).
 */
public class DeadLetter {

    /** Family name used when the payload names no known family. */
    public static final String UNKNOWN_FAMILY = "unknown";

    public RejectReason reason;
    public String detail;

    /**
     * The family id ({@code engine}, ...) if the payload named a known one, else {@value
     * #UNKNOWN_FAMILY}.
     */
    public String family;

    /** The device id if the payload carried one as a string, else the empty string. */
    public String deviceId;

    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;

    /** The Kafka record timestamp (epoch ms), or -1 if the record had none. */
    public long recordTimestamp;

    /** The Kafka record key as UTF-8 text, or the empty string. */
    public String recordKey;

    /** Wall-clock time the job read the record; informational only, never part of a key. */
    public long ingestTime;

    /** The first bytes of the payload, at most the configured cap; empty for a null payload. */
    public byte[] payload;

    /** Size of the original payload in bytes. */
    public int payloadSize;

    public DeadLetter() {}

    /** True if {@link #payload} holds fewer bytes than the original record. */
    public boolean payloadTruncated() {
        return payload.length < payloadSize;
    }

    @Override
    public String toString() {
        return "DeadLetter{"
                + reason
                + " "
                + sourceTopic
                + "-"
                + sourcePartition
                + "@"
                + sourceOffset
                + " family="
                + family
                + " detail="
                + detail
                + "}";
    }
}
