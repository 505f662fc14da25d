package dev.telemetry.job.time;

import dev.telemetry.job.model.IngestedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for the telemetry source, applied per Kafka partition by the source:
 * bounded out-of-orderness over the event times of <em>accepted</em> readings only, plus idleness.
 * Rejected records carry their Kafka timestamp but never move the watermark, so a record with a
 * bogus event time (rejected as future or stale) cannot make the rest of the stream late.
 */
public final class TelemetryWatermarks {

    private TelemetryWatermarks() {}

    /** The strategy for {@code env.fromSource(...)}. */
    public static WatermarkStrategy<IngestedRecord> strategy(
            Duration outOfOrderness, Duration idleness) {
        long bound = outOfOrderness.toMillis();
        WatermarkStrategy<IngestedRecord> strategy =
                WatermarkStrategy.<IngestedRecord>forGenerator(
                                context -> new AcceptedReadingWatermarks(bound))
                        .withTimestampAssigner((record, kafkaTimestamp) -> record.timestamp());
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }

    /** {@code maxEventTime - bound - 1} over accepted readings, emitted periodically. */
    static final class AcceptedReadingWatermarks implements WatermarkGenerator<IngestedRecord> {

        private final long bound;
        private long maxEventTime = Long.MIN_VALUE;

        AcceptedReadingWatermarks(long bound) {
            this.bound = bound;
        }

        @Override
        public void onEvent(IngestedRecord record, long timestamp, WatermarkOutput output) {
            if (record.isAccepted() && timestamp > maxEventTime) {
                maxEventTime = timestamp;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (maxEventTime != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(maxEventTime - bound - 1));
            }
        }
    }
}
