package dev.telemetry.job.kpi;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;

/**
 * Window accumulator of one engine: all readings, and count, sum and minimum of {@code
 * performance_score} over mainstage readings. A Flink POJO.
 */
public class EngineScores {

    /** The engine phase in which the performance score grades health (see the event schema). */
    public static final String MAINSTAGE = "mainstage";

    private static final int SCORE = Metrics.indexOf(Family.ENGINE, Metrics.PERFORMANCE_SCORE);

    public long readings;
    public long mainstage;
    public double scoreSum;
    public double scoreMin = Double.POSITIVE_INFINITY;

    public EngineScores() {}

    public void add(Reading reading) {
        readings++;
        double score = reading.values[SCORE];
        if (MAINSTAGE.equals(reading.phase) && !Double.isNaN(score)) {
            mainstage++;
            scoreSum += score;
            scoreMin = Math.min(scoreMin, score);
        }
    }

    public EngineScores merge(EngineScores other) {
        readings += other.readings;
        mainstage += other.mainstage;
        scoreSum += other.scoreSum;
        scoreMin = Math.min(scoreMin, other.scoreMin);
        return this;
    }

    /** The engine KPI of a window. */
    public EngineKpi toKpi(String deviceId, long windowStart, long windowEnd) {
        double mean = mainstage == 0 ? Double.NaN : scoreSum / mainstage;
        return new EngineKpi(
                deviceId,
                windowStart,
                windowEnd,
                readings,
                mainstage,
                mean,
                mainstage == 0 ? Double.NaN : scoreMin,
                EngineHealth.of(mean));
    }
}
