package dev.telemetry.model;

/**
 * Outcome of decoding or validating one record: exactly one of {@link #event()} and {@link
 * #rejection()} is non-null. Decoding never throws.
 */
public record DecodeResult(TelemetryEvent event, Rejection rejection) {

    public static DecodeResult ok(TelemetryEvent event) {
        return new DecodeResult(event, null);
    }

    public static DecodeResult rejected(RejectReason reason, String detail) {
        return new DecodeResult(null, new Rejection(reason, detail));
    }

    public boolean isOk() {
        return event != null;
    }
}
