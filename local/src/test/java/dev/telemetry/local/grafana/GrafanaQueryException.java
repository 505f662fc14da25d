package dev.telemetry.local.grafana;

/** A query Grafana itself would refuse before it reaches the database. */
public final class GrafanaQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GrafanaQueryException(String message) {
        super(message);
    }
}
