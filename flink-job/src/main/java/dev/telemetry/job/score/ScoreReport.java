package dev.telemetry.job.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Precision, recall, F1 and detection delay per anomaly type plus an {@code ALL} row (micro
 * averaged), as a text table or JSON. See {@link AlertScorer} for the definitions.
 */
public record ScoreReport(List<Row> rows, Row total, long graceMs) {

    /** One line of the report; delays in milliseconds, NaN when undefined. */
    public record Row(
            String type,
            int labels,
            int alerts,
            int truePositives,
            int falsePositives,
            int falseNegatives,
            double precision,
            double recall,
            double f1,
            double delayP50Ms,
            double delayP95Ms) {}

    /** The row of a type, or null if it had neither labels nor alerts. */
    public Row row(String type) {
        for (Row row : rows) {
            if (row.type().equals(type)) {
                return row;
            }
        }
        return null;
    }

    /** A fixed-width table, one line per type and the total last. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String header =
                String.format(
                        Locale.ROOT,
                        "%-24s %6s %6s %5s %5s %5s %9s %7s %6s %9s %9s%n",
                        "type",
                        "labels",
                        "alerts",
                        "TP",
                        "FP",
                        "FN",
                        "precision",
                        "recall",
                        "F1",
                        "p50 delay",
                        "p95 delay");
        sb.append(header);
        sb.append("-".repeat(header.length() - 1)).append('\n');
        for (Row row : rows) {
            sb.append(line(row));
        }
        sb.append("-".repeat(header.length() - 1)).append('\n');
        sb.append(line(total));
        sb.append(String.format(Locale.ROOT, "grace after label end: %d ms%n", graceMs));
        return sb.toString();
    }

    private static String line(Row r) {
        return String.format(
                Locale.ROOT,
                "%-24s %6d %6d %5d %5d %5d %9s %7s %6s %9s %9s%n",
                r.type(),
                r.labels(),
                r.alerts(),
                r.truePositives(),
                r.falsePositives(),
                r.falseNegatives(),
                ratio(r.precision()),
                ratio(r.recall()),
                ratio(r.f1()),
                seconds(r.delayP50Ms()),
                seconds(r.delayP95Ms()));
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String seconds(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** The report as pretty-printed JSON (NaN written as null). */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("grace_ms", graceMs);
        ArrayNode types = root.putArray("types");
        for (Row row : rows) {
            types.add(json(mapper, row));
        }
        root.set("total", json(mapper, total));
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode json(ObjectMapper mapper, Row r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", r.type());
        node.put("labels", r.labels());
        node.put("alerts", r.alerts());
        node.put("true_positives", r.truePositives());
        node.put("false_positives", r.falsePositives());
        node.put("false_negatives", r.falseNegatives());
        number(node, "precision", r.precision());
        number(node, "recall", r.recall());
        number(node, "f1", r.f1());
        number(node, "delay_p50_ms", r.delayP50Ms());
        number(node, "delay_p95_ms", r.delayP95Ms());
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
