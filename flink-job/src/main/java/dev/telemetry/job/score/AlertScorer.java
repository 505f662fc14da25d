package dev.telemetry.job.score;

import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.GroundTruthLabel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores alerts against the simulator's ground-truth labels.
 *
 * <p><b>Matching.</b> Only anomaly labels count (bad-data labels are ignored). An alert <em>matches
 * </em> a label when both have the same device and the same anomaly type and the alert's onset lies
 * in {@code [label.onset, label.end + grace]}. Then, per anomaly type:
 *
 * <ul>
 *   <li>an alert that matches at least one label is a true positive, any other alert a false
 *       positive; {@code precision = TP alerts / alerts};
 *   <li>a label matched by at least one alert is detected, any other label a false negative; {@code
 *       recall = detected labels / labels}; {@code F1} is their harmonic mean;
 *   <li>the detection delay of a detected label is the earliest matching alert's onset minus the
 *       label's onset; p50 and p95 use the nearest-rank method (the ⌈p·n⌉-th smallest delay).
 * </ul>
 *
 * Several alerts for one label (an alert resolved and re-opened within the label) all count as true
 * positives and the label once. A metric without data (no alerts, no labels) is NaN.
 */
public final class AlertScorer {

    /** Default grace after a label's end: an anomaly still shows in the data shortly after. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private AlertScorer() {}

    public static ScoreReport score(
            List<AlertRecord> alerts, List<GroundTruthLabel> labels, Duration grace) {
        long graceMs = grace.toMillis();
        Map<AnomalyType, Counts> byType = new EnumMap<>(AnomalyType.class);
        List<GroundTruthLabel> anomalies = new ArrayList<>();
        for (GroundTruthLabel label : labels) {
            if (label.category() == GroundTruthLabel.Category.ANOMALY) {
                anomalies.add(label);
                counts(byType, label.anomalyType()).labels++;
            }
        }
        long[] earliest = new long[anomalies.size()];
        java.util.Arrays.fill(earliest, Long.MAX_VALUE);
        for (AlertRecord alert : alerts) {
            Counts c = counts(byType, alert.type());
            c.alerts++;
            boolean matched = false;
            for (int i = 0; i < anomalies.size(); i++) {
                GroundTruthLabel l = anomalies.get(i);
                if (l.anomalyType() == alert.type()
                        && l.deviceId().equals(alert.deviceId())
                        && alert.onset() >= l.onset()
                        && alert.onset() <= l.end() + graceMs) {
                    matched = true;
                    earliest[i] = Math.min(earliest[i], alert.onset());
                }
            }
            if (matched) {
                c.truePositives++;
            }
        }
        for (int i = 0; i < anomalies.size(); i++) {
            if (earliest[i] != Long.MAX_VALUE) {
                Counts c = counts(byType, anomalies.get(i).anomalyType());
                c.detected++;
                c.delays.add(earliest[i] - anomalies.get(i).onset());
            }
        }
        List<ScoreReport.Row> rows = new ArrayList<>();
        Counts all = new Counts();
        for (Map.Entry<AnomalyType, Counts> e : byType.entrySet()) {
            rows.add(e.getValue().row(e.getKey().name()));
            all.add(e.getValue());
        }
        return new ScoreReport(rows, all.row("ALL"), graceMs);
    }

    private static Counts counts(Map<AnomalyType, Counts> byType, AnomalyType type) {
        return byType.computeIfAbsent(type, t -> new Counts());
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static final class Counts {
        int labels;
        int alerts;
        int truePositives;
        int detected;
        final List<Long> delays = new ArrayList<>();

        void add(Counts other) {
            labels += other.labels;
            alerts += other.alerts;
            truePositives += other.truePositives;
            detected += other.detected;
            delays.addAll(other.delays);
        }

        ScoreReport.Row row(String name) {
            List<Long> sorted = new ArrayList<>(delays);
            sorted.sort(null);
            double precision = alerts == 0 ? Double.NaN : (double) truePositives / alerts;
            double recall = labels == 0 ? Double.NaN : (double) detected / labels;
            double f1;
            if (Double.isNaN(precision) || Double.isNaN(recall)) {
                f1 = Double.NaN;
            } else if (precision + recall == 0) {
                f1 = 0;
            } else {
                f1 = 2 * precision * recall / (precision + recall);
            }
            return new ScoreReport.Row(
                    name,
                    labels,
                    alerts,
                    truePositives,
                    alerts - truePositives,
                    labels - detected,
                    precision,
                    recall,
                    f1,
                    percentile(sorted, 50),
                    percentile(sorted, 95));
        }
    }
}
