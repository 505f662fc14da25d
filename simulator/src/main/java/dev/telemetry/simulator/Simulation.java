package dev.telemetry.simulator;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.anomaly.ActiveAnomaly;
import dev.telemetry.simulator.anomaly.AnomalyInjector;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import dev.telemetry.simulator.baddata.BadDataInjector;
import dev.telemetry.simulator.generator.DeviceFactory;
import dev.telemetry.simulator.generator.DeviceModel;
import dev.telemetry.simulator.generator.Reading;
import dev.telemetry.simulator.generator.Seeds;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The deterministic simulation engine: generates the telemetry of every device of the chosen
 * families over the whole duration, with injected anomalies and bad data and their ground-truth
 * labels. The same options always give byte-identical records and labels.
 *
 * <p><b>Timing.</b> Device {@code d} reads at event times {@code start + floor((k + offset_d) ×
 * 1000 / eventsPerDevicePerSecond)} for {@code k = 0, 1, ...} while before {@code start +
 * duration}, where {@code offset_d ∈ [0, 1)} is derived from the seed, so devices interleave. The
 * engine walks the devices once per period in offset order, so readings leave in non-decreasing
 * event time without sorting, holding only per-device state (100,000 devices per family fit the
 * default heap). {@code seq} is {@code k + 1}.
 *
 * <p><b>Emission time.</b> Every record is sent at an emission time, the stream time at which a
 * live source would send it; emission times never decrease. For normal records it equals the event
 * time ({@link SimRecord#timestamp()}); held-back ({@code OUT_OF_ORDER}), duplicated and very late
 * records are sent at the current stream time, after newer ones. {@link #run(RecordSink, Consumer,
 * EmissionClock)} announces each new emission time to an {@link EmissionClock} before the first
 * record due at it, which is where a real-time output waits.
 *
 * <p><b>Labels</b> go to the label consumer in emission order: a bad-data label just before its
 * record, an anomaly label right after its last affected reading. See {@link AnomalyInjector} and
 * {@link BadDataInjector} for what is injected.
 */
public final class Simulation {

    /**
     * Told the emission time before the records due at that time are sent; {@link #run} calls it
     * with strictly increasing times. A paced output sleeps here until the wall clock reaches the
     * corresponding instant (e.g. {@code wallStart + (emissionTime - startTimeMillis) / speed}).
     */
    @FunctionalInterface
    public interface EmissionClock {

        /** Generates as fast as possible. */
        EmissionClock UNPACED = emissionTime -> {};

        /**
         * Returns once records with this emission time may be sent; an interrupted wait should
         * throw {@link java.io.InterruptedIOException}.
         */
        void awaitEmissionTime(long emissionTimeMillis) throws IOException;
    }

    private static final long OFFSET_SALT = 0x6F6666736574L;

    private final SimulationOptions options;
    private final AnomalyPlan anomalyPlan;
    private final Set<BadDataType> badDataTypes;

    /** A simulation injecting every anomaly and bad-data type at the options' rates. */
    public Simulation(SimulationOptions options) {
        this(options, AnomalyPlan.random(), EnumSet.allOf(BadDataType.class));
    }

    /**
     * @param options what to simulate
     * @param anomalyPlan which anomaly types to inject, and how many to force
     * @param badDataTypes which bad-data types to inject at the options' bad rate
     */
    public Simulation(
            SimulationOptions options, AnomalyPlan anomalyPlan, Set<BadDataType> badDataTypes) {
        this.options = Objects.requireNonNull(options, "options");
        this.anomalyPlan = Objects.requireNonNull(anomalyPlan, "anomalyPlan");
        this.badDataTypes =
                badDataTypes.isEmpty()
                        ? EnumSet.noneOf(BadDataType.class)
                        : EnumSet.copyOf(badDataTypes);
    }

    /**
     * Generates the whole duration as fast as possible, in emission order, sending records to
     * {@code out} and ground-truth labels to {@code labels}. Does not close {@code out}.
     */
    public SimulationStats run(RecordSink out, Consumer<GroundTruthLabel> labels)
            throws IOException {
        return run(out, labels, EmissionClock.UNPACED);
    }

    /**
     * As {@link #run(RecordSink, Consumer)}, announcing each new emission time to {@code clock}.
     */
    public SimulationStats run(
            RecordSink out, Consumer<GroundTruthLabel> labels, EmissionClock clock)
            throws IOException {
        return new Run(out, labels, clock).execute();
    }

    /** The state of one run: the fleet in emission order, injectors, output and counters. */
    private final class Run implements BadDataInjector.RecordEmitter {
        private final RecordSink out;
        private final Consumer<GroundTruthLabel> labels;
        private final EmissionClock clock;
        private final long start = options.startTimeMillis();
        private final long end = start + options.duration().toMillis();
        private final double periodMillis = 1000 / options.eventsPerDevicePerSecond();
        private final DeviceModel[] devices;
        private final double[] offsets;
        private final long[] readingCounts;
        private final Reading[] readings = new Reading[Family.values().length];
        private final AnomalyInjector anomalies;
        private final BadDataInjector badData;
        private final long[] recordsPerFamily = new long[Family.values().length];
        private final long[] badPerType = new long[BadDataType.values().length];
        private final long[] anomaliesPerType = new long[AnomalyType.values().length];
        private long records;
        private long lastEmission = Long.MIN_VALUE;

        Run(RecordSink out, Consumer<GroundTruthLabel> labels, EmissionClock clock) {
            this.out = Objects.requireNonNull(out, "out");
            this.labels = Objects.requireNonNull(labels, "labels");
            this.clock = Objects.requireNonNull(clock, "clock");
            int perFamily = options.devicesPerFamily();
            int total = Math.multiplyExact(options.families().size(), perFamily);
            DeviceFactory factory =
                    new DeviceFactory(periodMillis / 1000, options.startTimeMillis());
            DeviceModel[] created = new DeviceModel[total];
            long[] seeds = new long[total];
            long[] order = new long[total];
            int n = 0;
            for (Family family : options.families()) {
                readings[family.ordinal()] = DeviceFactory.newReading(family);
                for (int index = 0; index < perFamily; index++, n++) {
                    long seed = Seeds.forDevice(options.seed(), family, index);
                    created[n] = factory.create(family, index, seed);
                    seeds[n] = seed;
                    // Sort key: a 32-bit offset fraction above the creation number.
                    long offsetBits = Seeds.derive(seed, OFFSET_SALT) >>> 32;
                    order[n] = offsetBits << 31 | n;
                }
            }
            Arrays.sort(order);
            this.devices = new DeviceModel[total];
            this.offsets = new double[total];
            this.readingCounts = new long[total];
            long[] sortedSeeds = new long[total];
            for (int d = 0; d < total; d++) {
                int creation = (int) (order[d] & 0x7FFF_FFFF);
                devices[d] = created[creation];
                sortedSeeds[d] = seeds[creation];
                offsets[d] = (order[d] >>> 31) / 0x1p32;
                readingCounts[d] = readingCount(offsets[d]);
            }
            this.anomalies =
                    new AnomalyInjector(
                            anomalyPlan,
                            options.families(),
                            options.anomaliesPerDeviceHour(),
                            options.eventsPerDevicePerSecond(),
                            sortedSeeds);
            this.badData =
                    new BadDataInjector(
                            options.seed(), options.badRate(), badDataTypes, start, total);
        }

        SimulationStats execute() throws IOException {
            outer:
            for (long k = 0; ; k++) {
                for (int d = 0; d < devices.length; d++) {
                    long time = eventTime(k, offsets[d]);
                    if (time >= end) {
                        break outer; // every later reading is later still
                    }
                    reading(d, k, time);
                }
            }
            badData.releaseAll(this);
            return stats();
        }

        private void reading(int d, long k, long time) throws IOException {
            advanceClock(time);
            badData.releaseDue(time, this);
            DeviceModel device = devices[d];
            ActiveAnomaly anomaly = anomalies.beforeReading(d, device, k, readingCounts[d] - k);
            Reading reading = readings[device.family().ordinal()];
            device.step(anomaly, time, reading);
            AnomalyType type = anomaly == null ? null : anomaly.type();
            if (type != AnomalyType.SENSOR_DROPOUT) {
                if (type == AnomalyType.FROZEN_SENSOR) {
                    int metric = anomaly.metricIndex();
                    reading.override(metric, anomaly.freeze(reading.value(metric)));
                }
                String id = device.deviceId();
                SimRecord record = new SimRecord(id, time, reading.toJson(id, time, k + 1));
                badData.send(d, k, device.family(), record, anomalies.cleanSince(d), this);
            }
            GroundTruthLabel finished = anomalies.afterReading(d, device, k, time);
            if (finished != null) {
                anomaliesPerType[finished.anomalyType().ordinal()]++;
                labels.accept(finished);
            }
        }

        @Override
        public void emit(long emissionTime, Family family, SimRecord record, GroundTruthLabel label)
                throws IOException {
            advanceClock(emissionTime);
            if (label != null) {
                badPerType[label.badDataType().ordinal()]++;
                labels.accept(label);
            }
            out.send(record);
            records++;
            recordsPerFamily[family.ordinal()]++;
        }

        private void advanceClock(long emissionTime) throws IOException {
            if (emissionTime > lastEmission) {
                clock.awaitEmissionTime(emissionTime);
                lastEmission = emissionTime;
            }
        }

        private long eventTime(long k, double offset) {
            return start + (long) Math.floor((k + offset) * periodMillis);
        }

        /** How many readings a device with this offset takes before the end. */
        private long readingCount(double offset) {
            long count = Math.max(0, (long) Math.ceil((end - start) / periodMillis - offset));
            while (count > 0 && eventTime(count - 1, offset) >= end) {
                count--;
            }
            while (eventTime(count, offset) < end) {
                count++;
            }
            return count;
        }

        private SimulationStats stats() {
            Map<Family, Long> perFamily = new EnumMap<>(Family.class);
            for (Family family : options.families()) {
                perFamily.put(family, recordsPerFamily[family.ordinal()]);
            }
            Map<BadDataType, Long> bad = new EnumMap<>(BadDataType.class);
            for (BadDataType type : BadDataType.values()) {
                bad.put(type, badPerType[type.ordinal()]);
            }
            Map<AnomalyType, Long> injected = new EnumMap<>(AnomalyType.class);
            for (AnomalyType type : AnomalyType.values()) {
                injected.put(type, anomaliesPerType[type.ordinal()]);
            }
            return new SimulationStats(records, perFamily, bad, injected);
        }
    }
}
