package dev.telemetry.job.kpi;

import dev.telemetry.job.model.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental per-engine window aggregation of mainstage performance scores. */
public final class EngineScoreAggregate
        implements AggregateFunction<Reading, EngineScores, EngineScores> {

    @Override
    public EngineScores createAccumulator() {
        return new EngineScores();
    }

    @Override
    public EngineScores add(Reading reading, EngineScores scores) {
        scores.add(reading);
        return scores;
    }

    @Override
    public EngineScores getResult(EngineScores scores) {
        return scores;
    }

    @Override
    public EngineScores merge(EngineScores a, EngineScores b) {
        return a.merge(b);
    }
}
