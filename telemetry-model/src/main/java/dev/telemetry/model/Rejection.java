package dev.telemetry.model;

import java.util.Objects;

/**
 * A reason code plus a human-readable detail, e.g. {@code OUT_OF_RANGE: chamber_pressure_bar=412.0
 * outside [0.0, 300.0] bar}.
 */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
