package dev.telemetry.local.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Grafana knows when it runs a query: the dashboard time range, the panel's {@code
 * $__interval}, the template variables and the wall clock.
 */
public record QueryContext(
        Instant from,
        Instant to,
        Duration interval,
        Map<String, TemplateVariable> variables,
        Instant now) {

    public QueryContext {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(now, "now");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends before it starts");
        }
        variables = Map.copyOf(variables);
    }

    /**
     * A panel's context for {@code from..to}: the interval Grafana would compute for it, no
     * variables.
     */
    public static QueryContext forRange(Instant from, Instant to, Instant now) {
        return new QueryContext(
                from,
                to,
                GrafanaInterval.calculate(
                        from,
                        to,
                        GrafanaInterval.DEFAULT_MAX_DATA_POINTS,
                        GrafanaInterval.SQL_DATASOURCE_MIN_INTERVAL),
                Map.of(),
                now);
    }

    /** This context with {@code variable} added or replaced. */
    public QueryContext with(TemplateVariable variable) {
        Map<String, TemplateVariable> copy = new LinkedHashMap<>(variables);
        copy.put(variable.name(), variable);
        return new QueryContext(from, to, interval, copy, now);
    }

    /** This context with another {@code $__interval}. */
    public QueryContext withInterval(Duration newInterval) {
        return new QueryContext(from, to, newInterval, variables, now);
    }

    public Optional<TemplateVariable> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
