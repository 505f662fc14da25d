package dev.telemetry.model.label;

import dev.telemetry.model.RejectReason;

/** Kinds of bad data the simulator injects, each with the outcome the pipeline must produce. */
public enum BadDataType {
    /** Truncated or syntactically broken JSON. */
    MALFORMED_JSON(Outcome.REJECTED, RejectReason.MALFORMED_JSON),
    /** A required envelope field removed. */
    MISSING_FIELD(Outcome.REJECTED, RejectReason.MISSING_FIELD),
    /** An unknown top-level field added; ignored for forward compatibility, so accepted. */
    EXTRA_FIELD(Outcome.ACCEPTED, null),
    /** A metric the family does not define. */
    UNKNOWN_METRIC(Outcome.REJECTED, RejectReason.UNKNOWN_METRIC),
    /** A metric value written as a string. */
    WRONG_TYPE(Outcome.REJECTED, RejectReason.WRONG_TYPE),
    /** A metric value outside its valid range. */
    OUT_OF_RANGE(Outcome.REJECTED, RejectReason.OUT_OF_RANGE),
    /** A metric value of NaN. */
    NAN(Outcome.REJECTED, RejectReason.NOT_FINITE),
    /** Negative photovoltaic power (energy sites). */
    NEGATIVE_POWER(Outcome.REJECTED, RejectReason.NEGATIVE_POWER),
    /** The same (device, seq) sent again. */
    DUPLICATE(Outcome.DUPLICATE, null),
    /** Sent a little after later events, within the watermark's out-of-orderness bound. */
    OUT_OF_ORDER(Outcome.ACCEPTED, null),
    /** Sent long after its window closed. */
    VERY_LATE(Outcome.LATE, null);

    private final Outcome outcome;
    private final RejectReason reason;

    BadDataType(Outcome outcome, RejectReason reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    /** What the pipeline must do with a record of this type. */
    public Outcome outcome() {
        return outcome;
    }

    /** The rejection reason when {@link #outcome()} is {@link Outcome#REJECTED}, else null. */
    public RejectReason reason() {
        return reason;
    }
}
