package dev.telemetry.job.rules;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates raw rule updates from the rules topic. Valid rules go on to be broadcast;
 * invalid ones go to {@link #REJECTED} with the reason, and the rule in force stays unchanged.
 * Blank updates are no updates and are skipped.
 */
public class RuleValidationFunction extends ProcessFunction<String, Rule> {

    private static final long serialVersionUID = 1L;

    /** Side output of refused rule updates. */
    public static final OutputTag<RuleRejection> REJECTED = new OutputTag<>("rejected-rules") {};

    @Override
    public void processElement(String payload, Context ctx, Collector<Rule> out) {
        if (payload == null || payload.isBlank()) {
            return; // no update (like a tombstone), not a mistake
        }
        RuleParser.Result result = RuleParser.parse(payload);
        if (result.isOk()) {
            out.collect(result.rule());
        } else {
            Long ts = ctx.timestamp();
            ctx.output(REJECTED, RuleRejection.of(payload, result.error(), ts == null ? -1 : ts));
        }
    }
}
