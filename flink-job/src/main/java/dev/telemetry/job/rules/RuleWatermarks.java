package dev.telemetry.job.rules;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Makes the rule stream permanently idle for event time: rules pass through, watermarks do not. The
 * operator that joins rules with the readings then follows the readings' watermark alone, neither
 * waiting for rules that may never come nor racing ahead of the readings. (A {@code Long.MAX_VALUE}
 * watermark on the rule side - also what a bounded rule source sends when it ends - would do the
 * former but not the latter: while the readings pause and their source turns idle, the join would
 * jump to the end of time and every later reading would be late.)
 */
public class RuleWatermarks extends AbstractStreamOperator<Rule>
        implements OneInputStreamOperator<Rule, Rule> {

    private static final long serialVersionUID = 1L;

    @Override
    public void open() throws Exception {
        super.open();
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
    }

    @Override
    public void processElement(StreamRecord<Rule> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // Swallowed: rules carry no event time of interest.
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // Stays idle whatever the rule source does.
    }
}
