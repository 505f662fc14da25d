package dev.telemetry.local.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's interval arithmetic, as far as SQL panels see it: the {@code $__interval} a panel gets
 * for a time range (frontend {@code rangeutil.calculateInterval}), its text form, and the parser
 * the PostgreSQL macros use for their interval arguments (backend {@code gtime.ParseInterval}).
 */
public final class GrafanaInterval {

    /**
     * The lower limit of {@code $__interval} for this data source: its provisioning sets no {@code
     * timeInterval}, and Grafana's SQL data sources then default to one minute.
     */
    public static final Duration SQL_DATASOURCE_MIN_INTERVAL = Duration.ofMinutes(1);

    /** Points a panel asks for when it sets no {@code maxDataPoints}: about its width in pixels. */
    public static final int DEFAULT_MAX_DATA_POINTS = 1000;

    private static final Pattern GRAFANA_UNITS = Pattern.compile("^(\\d+)(ms|s|m|h|d|w|M|y)$");
    private static final Pattern GO_DURATION =
            Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    /** Grafana's rounding table (kbn.roundInterval): upper bound in ms → interval in ms. */
    private static final long[][] ROUNDING = {
        {10, 1},
        {15, 10},
        {35, 20},
        {75, 50},
        {150, 100},
        {350, 200},
        {750, 500},
        {1_500, 1_000},
        {3_500, 2_000},
        {7_500, 5_000},
        {12_500, 10_000},
        {17_500, 15_000},
        {25_000, 20_000},
        {45_000, 30_000},
        {90_000, 60_000},
        {210_000, 120_000},
        {450_000, 300_000},
        {750_000, 600_000},
        {1_050_000, 900_000},
        {1_500_000, 1_200_000},
        {2_700_000, 1_800_000},
        {5_400_000, 3_600_000},
        {9_000_000, 7_200_000},
        {16_200_000, 10_800_000},
        {32_400_000, 21_600_000},
        {86_400_000, 43_200_000},
        {604_800_000, 86_400_000},
        {1_814_400_000, 604_800_000},
        {3_628_800_000L, 2_592_000_000L},
    };

    private GrafanaInterval() {}

    /**
     * The {@code $__interval} of a panel showing {@code from..to} with {@code maxDataPoints}
     * points, never below {@code minInterval}.
     */
    public static Duration calculate(
            Instant from, Instant to, int maxDataPoints, Duration minInterval) {
        long rangeMs = Duration.between(from, to).toMillis();
        Duration rounded = Duration.ofMillis(round(rangeMs / Math.max(1, maxDataPoints)));
        return rounded.compareTo(minInterval) < 0 ? minInterval : rounded;
    }

    static long round(long intervalMs) {
        for (long[] step : ROUNDING) {
            if (intervalMs <= step[0]) {
                return step[1];
            }
        }
        return 31_536_000_000L; // one year
    }

    /** The text form Grafana substitutes for {@code $__interval}: its largest whole unit. */
    public static String format(Duration interval) {
        long ms = interval.toMillis();
        long[] unitMs = {31_536_000_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"y", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < unitMs.length; i++) {
            if (ms >= unitMs[i]) {
                return (ms / unitMs[i]) + units[i];
            }
        }
        return "1ms";
    }

    /**
     * Parses an interval argument of a macro as Grafana's backend does: {@code 30s}, {@code 5m},
     * {@code 1h}, {@code 1d}, {@code 1w}, {@code 1M}, {@code 1y}, or a Go duration such as {@code
     * 1h30m}. Months and years are calendar spans ending at {@code now}.
     *
     * @throws IllegalArgumentException if Grafana would reject it
     */
    public static Duration parse(String text, Instant now) {
        Matcher grafana = GRAFANA_UNITS.matcher(text);
        if (grafana.matches()) {
            long n = Long.parseLong(grafana.group(1));
            ZonedDateTime end = now.atZone(ZoneOffset.UTC);
            return switch (grafana.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                case "M" -> Duration.between(end, end.plusMonths(n));
                case "y" -> Duration.between(end, end.plusYears(n));
                default -> throw new IllegalStateException(grafana.group(2));
            };
        }
        return parseGoDuration(text);
    }

    private static Duration parseGoDuration(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"\"");
        }
        Matcher part = GO_DURATION.matcher(text);
        double nanos = 0;
        int position = 0;
        while (part.find() && part.start() == position) {
            double value = Double.parseDouble(part.group(1));
            nanos +=
                    value
                            * switch (part.group(2)) {
                                case "ns" -> 1;
                                case "us", "µs" -> 1e3;
                                case "ms" -> 1e6;
                                case "s" -> 1e9;
                                case "m" -> 60e9;
                                case "h" -> 3600e9;
                                default -> throw new IllegalStateException(part.group(2));
                            };
            position = part.end();
        }
        if (position != text.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        return Duration.ofNanos((long) nanos);
    }
}
