package dev.telemetry.simulator.baddata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Corrupts a deterministic fraction of the records and labels each corrupted record with the
 * outcome the pipeline must reach for it.
 *
 * <p><b>Rate.</b> Bad records are spaced like a Bernoulli process over all records (geometric gaps
 * from one random stream), adjusted for the extra records duplicates add, so that {@code bad
 * records / all records} converges to {@code badRate}. When the selected reading cannot take bad
 * data it passes to the next one that can, so the rate holds: readings inside an anomaly window
 * never do (anomaly labels stay clean), nor readings whose device had a bad record among its last
 * few readings (up to 5, fewer for bad rates above 5 %), so that bad data never leaves a gap that
 * looks like a dropout. Delayed records keep their event time, so they stay outside anomaly windows
 * as well.
 *
 * <p><b>Types.</b> The type is drawn uniformly among the enabled types that apply to the chosen
 * record: {@code NEGATIVE_POWER} only to energy sites, {@code VERY_LATE} only once the stream is
 * {@value #VERY_LATE_NOT_BEFORE_MS} ms old (so the downstream watermark has advanced) and only
 * where the moved event time cannot fall into an earlier anomaly window of the device.
 *
 * <table>
 * <caption>Corruptions</caption>
 * <tr><th>type</th><th>record sent</th><th>expected outcome</th></tr>
 * <tr><td>MALFORMED_JSON</td><td>the payload cut after a random number of bytes</td><td>rejected
 *     MALFORMED_JSON</td></tr>
 * <tr><td>MISSING_FIELD</td><td>one required envelope field removed (the Kafka key stays the
 *     device id)</td><td>rejected MISSING_FIELD</td></tr>
 * <tr><td>EXTRA_FIELD</td><td>an unknown top-level field added</td><td>accepted</td></tr>
 * <tr><td>UNKNOWN_METRIC</td><td>a plausible metric the family does not define added</td>
 *     <td>rejected UNKNOWN_METRIC</td></tr>
 * <tr><td>WRONG_TYPE</td><td>one metric written as a JSON string</td><td>rejected
 *     WRONG_TYPE</td></tr>
 * <tr><td>OUT_OF_RANGE</td><td>one metric 10–50 % of its range above its maximum</td>
 *     <td>rejected OUT_OF_RANGE</td></tr>
 * <tr><td>NAN</td><td>one metric written as the bare token {@code NaN}</td><td>rejected
 *     NOT_FINITE</td></tr>
 * <tr><td>NEGATIVE_POWER</td><td>{@code solar_power_w} of −0.5…−50 kW</td><td>rejected
 *     NEGATIVE_POWER</td></tr>
 * <tr><td>DUPLICATE</td><td>the record sent normally, then the identical payload again 0.2–1.5 s
 *     of stream time later (the label marks the copy)</td><td>duplicate</td></tr>
 * <tr><td>OUT_OF_ORDER</td><td>the record held back 1–2 s of stream time, inside a 5 s
 *     out-of-orderness bound</td><td>accepted</td></tr>
 * <tr><td>VERY_LATE</td><td>the reading sent with its event time moved 185–240 s into the past
 *     (its seq stays unique)</td><td>late</td></tr>
 * </table>
 */
public final class BadDataInjector {

    /** A very late record is only sent once the stream is this old. */
    public static final long VERY_LATE_NOT_BEFORE_MS = 20_000;

    private static final int MIN_LATENESS_MS = 185_000;
    private static final int MAX_LATENESS_MS = 240_000;
    private static final long SALT = 0x62616444617461L;
    private static final int MAX_SPACING = 5;

    private static final List<String> REQUIRED_FIELDS =
            List.of(
                    TelemetryJson.SCHEMA_VERSION,
                    TelemetryJson.DEVICE_ID,
                    TelemetryJson.FAMILY,
                    TelemetryJson.EVENT_TIME,
                    TelemetryJson.SEQ,
                    TelemetryJson.METRICS);

    private static final String[][] EXTRA_FIELDS = {
        {"firmware_version", "4.2.1"}, {"gateway", "gw-03"}, {"ingest_hint", "batch"}
    };

    /** Where bad-data injection sends records and their labels, in emission order. */
    @FunctionalInterface
    public interface RecordEmitter {
        /**
         * @param emissionTime stream time at which the record is sent
         * @param family the record's family
         * @param record the record
         * @param label its bad-data label, to be delivered before the record, or null
         */
        void emit(long emissionTime, Family family, SimRecord record, GroundTruthLabel label)
                throws IOException;
    }

    private record Delayed(
            long due, long order, Family family, SimRecord record, GroundTruthLabel label) {}

    private final SplittableRandom rng;
    private final BadDataType[] enabled;
    private final double selectionProbability;
    private final int spacing;
    private final long streamStart;
    private final long[] lastBadTick;
    private final PriorityQueue<Delayed> delayed =
            new PriorityQueue<>(
                    Comparator.comparingLong(Delayed::due).thenComparingLong(Delayed::order));
    private final BadDataType[] candidates = new BadDataType[BadDataType.values().length];
    private long readingsUntilNext;
    private long owed;
    private long delayedCount;

    /**
     * @param seed the simulation seed
     * @param badRate fraction of all records to corrupt, 0..1
     * @param types the enabled types
     * @param streamStart event time of the first reading
     * @param devices number of devices (device numbers are 0..devices-1)
     */
    public BadDataInjector(
            long seed, double badRate, Set<BadDataType> types, long streamStart, int devices) {
        this.rng = new SplittableRandom(seed ^ SALT);
        this.enabled =
                (types.isEmpty() ? EnumSet.noneOf(BadDataType.class) : EnumSet.copyOf(types))
                        .toArray(new BadDataType[0]);
        double duplicateShare = types.contains(BadDataType.DUPLICATE) ? 1.0 / enabled.length : 0;
        double rate = enabled.length == 0 ? 0 : badRate;
        this.selectionProbability = Math.min(1, rate / (1 - rate * duplicateShare));
        this.spacing = rate > 0 ? (int) Math.min(MAX_SPACING, Math.floor(0.25 / rate)) : 0;
        this.streamStart = streamStart;
        this.lastBadTick = new long[devices];
        Arrays.fill(lastBadTick, Long.MIN_VALUE / 2);
        this.readingsUntilNext = nextGap();
    }

    /**
     * Sends one generated reading: unchanged, corrupted now, or held back for later.
     *
     * @param device the device number
     * @param tick the reading's index in its device's stream
     * @param family the device's family
     * @param record the reading as generated (key = device id, timestamp = event time)
     * @param cleanSince event time since which the device has been free of anomalies ({@link
     *     Long#MAX_VALUE} while one is in progress): bad data never lands in an anomaly window
     * @param out where records go
     */
    public void send(
            int device,
            long tick,
            Family family,
            SimRecord record,
            long cleanSince,
            RecordEmitter out)
            throws IOException {
        if (--readingsUntilNext <= 0) {
            owed++;
            readingsUntilNext = nextGap();
        }
        long time = record.timestamp();
        if (owed > 0 && time >= cleanSince && tick - lastBadTick[device] > spacing) {
            BadDataType type = chooseType(family, time, cleanSince);
            if (type != null) {
                owed--;
                lastBadTick[device] = tick;
                corrupt(
                        type,
                        TelemetryJson.decode(record.payload()).event(),
                        record.payload(),
                        out);
                return;
            }
        }
        out.emit(time, family, record, null);
    }

    /** Sends the held-back records that are due by {@code streamTime}. */
    public void releaseDue(long streamTime, RecordEmitter out) throws IOException {
        while (!delayed.isEmpty() && delayed.peek().due() <= streamTime) {
            Delayed d = delayed.poll();
            out.emit(streamTime, d.family(), d.record(), d.label());
        }
    }

    /** Sends every held-back record, at its due time; the stream has ended. */
    public void releaseAll(RecordEmitter out) throws IOException {
        while (!delayed.isEmpty()) {
            Delayed d = delayed.poll();
            out.emit(d.due(), d.family(), d.record(), d.label());
        }
    }

    private long nextGap() {
        if (selectionProbability <= 0) {
            return Long.MAX_VALUE;
        }
        if (selectionProbability >= 1) {
            return 1;
        }
        double u = 1 - rng.nextDouble(); // (0, 1]
        return 1 + (long) Math.floor(Math.log(u) / Math.log(1 - selectionProbability));
    }

    private BadDataType chooseType(Family family, long eventTime, long cleanSince) {
        int count = 0;
        for (BadDataType type : enabled) {
            if (applies(type, family, eventTime, cleanSince)) {
                candidates[count++] = type;
            }
        }
        return count == 0 ? null : candidates[rng.nextInt(count)];
    }

    private boolean applies(BadDataType type, Family family, long eventTime, long cleanSince) {
        return switch (type) {
            case NEGATIVE_POWER -> family == Family.ENERGY;
            // The moved event time must not land in the window of an earlier anomaly either.
            case VERY_LATE ->
                    eventTime - streamStart >= VERY_LATE_NOT_BEFORE_MS
                            && eventTime - MAX_LATENESS_MS >= cleanSince;
            default -> true;
        };
    }

    private void corrupt(BadDataType type, TelemetryEvent event, byte[] payload, RecordEmitter out)
            throws IOException {
        String device = event.deviceId();
        Family family = event.family();
        long time = event.eventTime();
        switch (type) {
            case MALFORMED_JSON -> {
                byte[] cut = Arrays.copyOf(payload, 1 + rng.nextInt(payload.length - 1));
                send(out, event, type, null, cut);
            }
            case MISSING_FIELD -> {
                ObjectNode tree = tree(payload);
                tree.remove(REQUIRED_FIELDS.get(rng.nextInt(REQUIRED_FIELDS.size())));
                send(out, event, type, null, bytes(tree));
            }
            case EXTRA_FIELD -> {
                ObjectNode tree = tree(payload);
                String[] extra = EXTRA_FIELDS[rng.nextInt(EXTRA_FIELDS.length)];
                tree.put(extra[0], extra[1]);
                send(out, event, type, null, bytes(tree));
            }
            case UNKNOWN_METRIC -> {
                String metric = unknownMetric(family);
                double value = Math.round(100 * (10 + 90 * rng.nextDouble())) / 100.0;
                send(out, event, type, metric, withMetric(event, metric, value));
            }
            case WRONG_TYPE -> {
                String metric = anyMetric(family).name();
                ObjectNode tree = tree(payload);
                ((ObjectNode) tree.get(TelemetryJson.METRICS))
                        .put(metric, Double.toString(event.metric(metric)));
                send(out, event, type, metric, bytes(tree));
            }
            case OUT_OF_RANGE -> {
                MetricDefinition def = anyMetric(family);
                double span = def.max() - def.min();
                double value = def.max() + span * (0.1 + 0.4 * rng.nextDouble());
                send(out, event, type, def.name(), withMetric(event, def.name(), round2(value)));
            }
            case NAN -> {
                String metric = anyMetric(family).name();
                send(out, event, type, metric, withMetric(event, metric, Double.NaN));
            }
            case NEGATIVE_POWER -> {
                double value = -round2(500 + 49_500 * rng.nextDouble());
                send(
                        out,
                        event,
                        type,
                        Metrics.SOLAR_POWER_W,
                        withMetric(event, Metrics.SOLAR_POWER_W, value));
            }
            case DUPLICATE -> {
                out.emit(time, family, new SimRecord(device, time, payload), null);
                hold(time + 200 + rng.nextInt(1_300), event, type, payload);
            }
            case OUT_OF_ORDER -> hold(time + 1_000 + rng.nextInt(1_001), event, type, payload);
            case VERY_LATE -> {
                long past =
                        time - MIN_LATENESS_MS - rng.nextInt(MAX_LATENESS_MS - MIN_LATENESS_MS + 1);
                TelemetryEvent late = event.withEventTime(past);
                out.emit(
                        time,
                        family,
                        new SimRecord(device, past, TelemetryJson.toBytes(late)),
                        label(late, type, null));
            }
        }
    }

    private void send(
            RecordEmitter out, TelemetryEvent event, BadDataType type, String metric, byte[] bytes)
            throws IOException {
        long time = event.eventTime();
        out.emit(
                time,
                event.family(),
                new SimRecord(event.deviceId(), time, bytes),
                label(event, type, metric));
    }

    private void hold(long due, TelemetryEvent event, BadDataType type, byte[] payload) {
        SimRecord record = new SimRecord(event.deviceId(), event.eventTime(), payload);
        delayed.add(
                new Delayed(due, delayedCount++, event.family(), record, label(event, type, null)));
    }

    private static GroundTruthLabel label(TelemetryEvent event, BadDataType type, String metric) {
        return GroundTruthLabel.badData(
                event.deviceId(), event.family(), type, event.eventTime(), event.seq(), metric);
    }

    private MetricDefinition anyMetric(Family family) {
        List<MetricDefinition> metrics = Metrics.of(family);
        return metrics.get(rng.nextInt(metrics.size()));
    }

    /** A metric a real device of the family might send, but the catalogue does not define. */
    private static String unknownMetric(Family family) {
        return switch (family) {
            case ENGINE -> "igniter_current_a";
            case VEHICLE -> "tire_pressure_kpa";
            case FLIGHT -> "squawk_code";
            case ENERGY -> "grid_frequency_hz";
        };
    }

    private static byte[] withMetric(TelemetryEvent event, String metric, double value) {
        Map<String, Double> metrics = new LinkedHashMap<>(event.metrics());
        metrics.put(metric, value);
        return TelemetryJson.toBytes(
                new TelemetryEvent(
                        event.schemaVersion(),
                        event.deviceId(),
                        event.family(),
                        event.eventTime(),
                        event.seq(),
                        event.phase(),
                        metrics,
                        event.position(),
                        event.attributes()));
    }

    private static ObjectNode tree(byte[] payload) {
        try {
            return (ObjectNode) TelemetryJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode tree) {
        try {
            return TelemetryJson.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
