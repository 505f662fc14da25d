package dev.telemetry.local.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the SQL of a Grafana PostgreSQL query into what the database receives, in Grafana's three
 * steps and with its quirks, so that tests can run dashboard and alert queries without a Grafana
 * server:
 *
 * <ol>
 *   <li>the frontend replaces template variables ({@code $var}, {@code ${var}}, {@code [[var]]},
 *       {@code ${var:format}}) and {@code $__interval}/{@code $__interval_ms}; single values are
 *       escaped but not quoted, multi-value and "All" selections become quoted lists;
 *   <li>the backend replaces {@code $__interval}, {@code $__interval_ms}, {@code
 *       $__unixEpochFrom()} and {@code $__unixEpochTo()};
 *   <li>the PostgreSQL macro engine expands {@code $__name(args)}: {@code $__timeFilter}, {@code
 *       $__timeFrom}, {@code $__timeTo}, {@code $__timeGroup}, {@code $__timeGroupAlias}, {@code
 *       $__unixEpochFilter}, {@code $__time}, {@code $__timeEpoch} and the epoch variants.
 *       Arguments are split at every comma and trimmed of spaces only (not newlines), as Grafana
 *       does; an unknown macro is an error.
 * </ol>
 */
public final class GrafanaSqlInterpolator {

    /** Grafana's template variable syntax (templateSrv's variableRegex). */
    private static final Pattern VARIABLE =
            Pattern.compile(
                    "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

    /** The PostgreSQL macro syntax: {@code $name(args)}, args without a closing parenthesis. */
    private static final Pattern MACRO = Pattern.compile("\\$([_a-zA-Z0-9]+)\\(([^)]*)\\)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaSqlInterpolator() {}

    /**
     * The SQL Grafana sends to PostgreSQL for {@code rawSql} in {@code context}.
     *
     * @throws GrafanaQueryException where Grafana would refuse the query (bad macro arguments,
     *     unknown macro, unsupported variable format)
     */
    public static String interpolate(String rawSql, QueryContext context) {
        String sql = replaceVariables(rawSql, context);
        sql = replaceGlobals(sql, context);
        return expandMacros(sql, context);
    }

    // ------------------------------------------------------------------ 1. template variables

    static String replaceVariables(String sql, QueryContext context) {
        Matcher matcher = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = firstNonNull(matcher.group(1), matcher.group(2), matcher.group(4));
            String format = firstNonNull(matcher.group(3), matcher.group(6));
            String replacement = variableValue(name, format, matcher.group(5), context);
            matcher.appendReplacement(
                    out,
                    Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The replacement for a variable, or {@code null} to leave the text as it is. */
    private static String variableValue(
            String name, String format, String fieldPath, QueryContext context) {
        String builtIn = builtInValue(name, context);
        if (builtIn != null) {
            return builtIn;
        }
        TemplateVariable variable = context.variable(name).orElse(null);
        if (variable == null) {
            return null; // Grafana leaves unknown names alone; PostgreSQL will complain.
        }
        if (fieldPath != null) {
            throw new GrafanaQueryException(
                    "${"
                            + name
                            + "."
                            + fieldPath
                            + "}: multi-property variables are not supported");
        }
        if (variable.allSelected() && variable.allValue() != null && !"text".equals(format)) {
            return variable.allValue(); // a custom all value goes in unformatted
        }
        List<String> values = variable.values();
        boolean list = variable.multi() || variable.allSelected();
        if (format == null) {
            // SqlDatasource.interpolateVariable: lists are quoted, single values only escaped.
            return list
                    ? join(values, GrafanaSqlInterpolator::quoteLiteral)
                    : values.get(0).replace("'", "''");
        }
        return switch (format) {
            case "csv", "raw" -> String.join(",", values);
            case "sqlstring" -> join(values, GrafanaSqlInterpolator::quoteLiteral);
            case "singlequote" -> join(values, v -> "'" + v.replace("'", "\\'") + "'");
            case "doublequote" -> join(values, v -> "\"" + v.replace("\"", "\\\"") + "\"");
            case "pipe" -> String.join("|", values);
            case "text" -> variable.allSelected() ? "All" : String.join(" + ", values);
            case "json" -> toJson(list ? values : values.get(0));
            default ->
                    throw new GrafanaQueryException(
                            "${" + name + ":" + format + "}: format not supported here");
        };
    }

    private static String builtInValue(String name, QueryContext context) {
        long rangeMs = Duration.between(context.from(), context.to()).toMillis();
        return switch (name) {
            case "__interval" -> GrafanaInterval.format(context.interval());
            case "__interval_ms" -> Long.toString(context.interval().toMillis());
            case "__from" -> Long.toString(context.from().toEpochMilli());
            case "__to" -> Long.toString(context.to().toEpochMilli());
            case "__range" -> GrafanaInterval.format(Duration.ofMillis(rangeMs));
            case "__range_s" -> Long.toString(Math.round(rangeMs / 1000.0));
            case "__range_ms" -> Long.toString(rangeMs);
            default -> null;
        };
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String join(List<String> values, Function<String, String> each) {
        return values.stream().map(each).collect(Collectors.joining(","));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ 2. global substitutions

    static String replaceGlobals(String sql, QueryContext context) {
        return sql.replace("$__interval_ms", Long.toString(context.interval().toMillis()))
                .replace("$__interval", GrafanaInterval.format(context.interval()))
                .replace("$__unixEpochFrom()", Long.toString(context.from().getEpochSecond()))
                .replace("$__unixEpochTo()", Long.toString(context.to().getEpochSecond()));
    }

    // ------------------------------------------------------------------ 3. macros

    static String expandMacros(String sql, QueryContext context) {
        Matcher matcher = MACRO.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.equals("__timeGroup")) {
                // Before Grafana 5.3 $__timeGroup added the alias; a comma right after the first
                // occurrence of the same call still selects that behaviour.
                int index = sql.indexOf(matcher.group());
                if (index >= 0) {
                    index += matcher.group().length();
                    if (sql.length() > index && sql.charAt(index) == ',') {
                        name = "__timeGroupAlias";
                    }
                }
            }
            List<String> args = new ArrayList<>();
            for (String arg : matcher.group(2).split(",", -1)) {
                args.add(trimSpaces(arg));
            }
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(evaluateMacro(name, args, context)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String evaluateMacro(String name, List<String> args, QueryContext context) {
        Instant from = context.from();
        Instant to = context.to();
        String column = args.get(0);
        return switch (name) {
            case "__time" -> column + " AS \"time\"";
            case "__timeEpoch" -> "extract(epoch from " + column + ") as \"time\"";
            case "__timeFilter" ->
                    column + " BETWEEN '" + rfc3339Nano(from) + "' AND '" + rfc3339Nano(to) + "'";
            case "__timeFrom" -> "'" + rfc3339Nano(from) + "'";
            case "__timeTo" -> "'" + rfc3339Nano(to) + "'";
            case "__timeGroup" -> {
                double seconds = groupInterval(name, args, context);
                yield "floor(extract(epoch from "
                        + column
                        + ")/"
                        + goFloat(seconds)
                        + ")*"
                        + goFloat(seconds);
            }
            case "__timeGroupAlias" -> evaluateMacro("__timeGroup", args, context) + " AS \"time\"";
            case "__unixEpochFilter" ->
                    column
                            + " >= "
                            + from.getEpochSecond()
                            + " AND "
                            + column
                            + " <= "
                            + to.getEpochSecond();
            case "__unixEpochNanoFilter" ->
                    column + " >= " + nanos(from) + " AND " + column + " <= " + nanos(to);
            case "__unixEpochNanoFrom" -> Long.toString(nanos(from));
            case "__unixEpochNanoTo" -> Long.toString(nanos(to));
            case "__unixEpochGroup" -> {
                double seconds = groupInterval(name, args, context);
                yield "floor((" + column + ")/" + goFloat(seconds) + ")*" + goFloat(seconds);
            }
            case "__unixEpochGroupAlias" ->
                    evaluateMacro("__unixEpochGroup", args, context) + " AS \"time\"";
            default -> throw new GrafanaQueryException("unknown macro \"" + name + "\"");
        };
    }

    /** The interval argument of a group macro in seconds; validates the optional fill mode. */
    private static double groupInterval(String name, List<String> args, QueryContext context) {
        if (args.size() < 2) {
            throw new GrafanaQueryException(
                    "macro " + name + " needs time column and interval and optional fill value");
        }
        Duration interval;
        try {
            interval = GrafanaInterval.parse(trim(args.get(1), '\''), context.now());
        } catch (IllegalArgumentException e) {
            throw new GrafanaQueryException("error parsing interval " + args.get(1));
        }
        if (args.size() == 3) {
            String fill = args.get(2);
            if (!fill.equals("NULL") && !fill.equals("previous")) {
                try {
                    Double.parseDouble(fill);
                } catch (NumberFormatException e) {
                    throw new GrafanaQueryException("error parsing fill value " + fill);
                }
            }
        }
        return interval.toNanos() / 1e9;
    }

    /** Go's {@code time.RFC3339Nano} in UTC: fractional seconds without trailing zeros. */
    static String rfc3339Nano(Instant instant) {
        String seconds =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                        .withZone(ZoneOffset.UTC)
                        .format(instant);
        int nanos = instant.getNano();
        if (nanos == 0) {
            return seconds + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        return seconds + "." + fraction + "Z";
    }

    /**
     * Go's {@code %v} of a float64 (strconv 'g', shortest): plain digits for decimal exponents -4
     * to 5, otherwise exponent form such as {@code 1e+06}.
     */
    static String goFloat(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (decimal.signum() == 0) {
            return "0";
        }
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = decimal.unscaledValue().abs().toString();
            String mantissa =
                    digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "")
                    + mantissa
                    + "e"
                    + (exponent < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exponent));
        }
        return decimal.toPlainString();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String trimSpaces(String text) {
        return trim(text, ' ');
    }

    private static String trim(String text, char c) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == c) {
            start++;
        }
        while (end > start && text.charAt(end - 1) == c) {
            end--;
        }
        return text.substring(start, end);
    }
}
