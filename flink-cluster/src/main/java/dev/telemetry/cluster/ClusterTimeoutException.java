package dev.telemetry.cluster;

/**
 * A bounded wait on the cluster or a job ran past its deadline; the message says what was last
 * observed.
 */
public class ClusterTimeoutException extends ClusterException {
    private static final long serialVersionUID = 1L;

    public ClusterTimeoutException(String message) {
        super(message);
    }
}
