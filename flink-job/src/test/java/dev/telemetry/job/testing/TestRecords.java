package dev.telemetry.job.testing;

import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import java.nio.charset.StandardCharsets;

/** Readings, events and ingested records for tests. */
public final class TestRecords {

    /** 2024-01-01T00:00:00Z, a window boundary for any window size that divides a day. */
    public static final long T0 = 1_704_067_200_000L;

    public static final String TOPIC = "telemetry";

    private TestRecords() {}

    /** A valid engine event with every metric set. */
    public static TelemetryEvent engineEvent(
            String device, long eventTime, long seq, double score) {
        return TelemetryEvent.builder(device, Family.ENGINE)
                .eventTime(eventTime)
                .seq(seq)
                .phase("mainstage")
                .metric(Metrics.CHAMBER_PRESSURE_BAR, 200)
                .metric(Metrics.FUEL_FLOW_KG_S, 50)
                .metric(Metrics.OXIDIZER_FLOW_KG_S, 130)
                .metric(Metrics.MIXTURE_RATIO, 2.6)
                .metric(Metrics.CHAMBER_TEMP_K, 3300)
                .metric(Metrics.TURBOPUMP_TEMP_K, 700)
                .metric(Metrics.VIBRATION_G, 3)
                .metric(Metrics.PERFORMANCE_SCORE, score)
                .build();
    }

    public static byte[] json(TelemetryEvent event) {
        return TelemetryJson.toBytes(event);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An engine reading with one metric value set (the others NaN). */
    public static Reading reading(String device, long eventTime, long seq) {
        return Reading.of(engineEvent(device, eventTime, seq, 90));
    }

    /** A reading of any family with the given metrics (name, value pairs). */
    public static Reading reading(
            String device, Family family, long eventTime, long seq, Object... metrics) {
        TelemetryEvent.Builder builder =
                TelemetryEvent.builder(device, family).eventTime(eventTime).seq(seq);
        for (int i = 0; i < metrics.length; i += 2) {
            builder.metric((String) metrics[i], ((Number) metrics[i + 1]).doubleValue());
        }
        return Reading.of(builder.build());
    }

    /** An accepted record from partition {@code partition}. */
    public static IngestedRecord accepted(Reading reading, int partition, long offset) {
        return IngestedRecord.accepted(TOPIC, partition, offset, reading.eventTime, reading);
    }

    /** An accepted record, already judged late or on time. */
    public static IngestedRecord routed(Reading reading, boolean late) {
        IngestedRecord record = accepted(reading, 0, reading.seq);
        record.late = late;
        return record;
    }
}
