package dev.telemetry.cluster;

/**
 * A call to a Flink REST API failed: the endpoint was unreachable ({@link #statusCode()} is {@code
 * -1}) or Flink answered with an error, summarised in one line.
 */
public class FlinkRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public FlinkRestException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public FlinkRestException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = -1;
    }

    /** The HTTP status Flink answered with, or {@code -1} if no answer was received. */
    public int statusCode() {
        return statusCode;
    }
}
