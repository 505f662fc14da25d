package dev.telemetry.job.kpi;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.Arrays;

/**
 * Incremental statistics of one device's readings in one window: reading count, event-time span,
 * and per metric (in catalogue order) count, min, max, mean and M2 (Welford, so the standard
 * deviation stays accurate), first and last value by event time, plus the last valid position. A
 * Flink POJO used as the window accumulator; arrays are sized on the first reading.
 *
 * <p>First/last are decided by event time; on equal event times the earlier arrival is first and
 * the later arrival is last. Both are deterministic because a device's readings keep their Kafka
 * order through the pipeline.
 */
public class DeviceStats {

    public String deviceId;
    public Family family;
    public long readingCount;
    public long firstEventTime = Long.MAX_VALUE;
    public long lastEventTime = Long.MIN_VALUE;

    public long[] count;
    public double[] min;
    public double[] max;
    public double[] mean;
    public double[] m2;
    public double[] first;
    public long[] firstTime;
    public double[] last;
    public long[] lastTime;

    /** Readings in the window that carried a valid position. */
    public long positionCount;

    public double lastLat = Double.NaN;
    public double lastLon = Double.NaN;
    public long lastPositionTime = Long.MIN_VALUE;

    public DeviceStats() {}

    /** Adds one reading. */
    public void add(Reading reading) {
        if (count == null) {
            init(reading.deviceId, reading.family);
        }
        readingCount++;
        long time = reading.eventTime;
        firstEventTime = Math.min(firstEventTime, time);
        lastEventTime = Math.max(lastEventTime, time);
        double[] values = reading.values;
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            if (Double.isNaN(value)) {
                continue;
            }
            long n = ++count[i];
            if (n == 1) {
                min[i] = value;
                max[i] = value;
                mean[i] = value;
                m2[i] = 0;
                first[i] = value;
                firstTime[i] = time;
                last[i] = value;
                lastTime[i] = time;
                continue;
            }
            min[i] = Math.min(min[i], value);
            max[i] = Math.max(max[i], value);
            double delta = value - mean[i];
            mean[i] += delta / n;
            m2[i] += delta * (value - mean[i]);
            if (time < firstTime[i]) {
                first[i] = value;
                firstTime[i] = time;
            }
            if (time >= lastTime[i]) {
                last[i] = value;
                lastTime[i] = time;
            }
        }
        if (reading.hasPosition()) {
            positionCount++;
            if (time >= lastPositionTime) {
                lastLat = reading.lat;
                lastLon = reading.lon;
                lastPositionTime = time;
            }
        }
    }

    /** Merges another accumulator into this one (Chan et al. for mean and M2). */
    public DeviceStats merge(DeviceStats other) {
        if (other.count == null) {
            return this;
        }
        if (count == null) {
            init(other.deviceId, other.family);
        }
        readingCount += other.readingCount;
        firstEventTime = Math.min(firstEventTime, other.firstEventTime);
        lastEventTime = Math.max(lastEventTime, other.lastEventTime);
        for (int i = 0; i < count.length; i++) {
            long nb = other.count[i];
            if (nb == 0) {
                continue;
            }
            long na = count[i];
            if (na == 0) {
                count[i] = nb;
                min[i] = other.min[i];
                max[i] = other.max[i];
                mean[i] = other.mean[i];
                m2[i] = other.m2[i];
                first[i] = other.first[i];
                firstTime[i] = other.firstTime[i];
                last[i] = other.last[i];
                lastTime[i] = other.lastTime[i];
                continue;
            }
            long n = na + nb;
            double delta = other.mean[i] - mean[i];
            mean[i] += delta * nb / n;
            m2[i] += other.m2[i] + delta * delta * ((double) na * nb / n);
            count[i] = n;
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
            if (other.firstTime[i] < firstTime[i]) {
                first[i] = other.first[i];
                firstTime[i] = other.firstTime[i];
            }
            if (other.lastTime[i] >= lastTime[i]) {
                last[i] = other.last[i];
                lastTime[i] = other.lastTime[i];
            }
        }
        positionCount += other.positionCount;
        if (other.positionCount > 0 && other.lastPositionTime >= lastPositionTime) {
            lastLat = other.lastLat;
            lastLon = other.lastLon;
            lastPositionTime = other.lastPositionTime;
        }
        return this;
    }

    private void init(String deviceId, Family family) {
        this.deviceId = deviceId;
        this.family = family;
        int size = Metrics.of(family).size();
        count = new long[size];
        min = new double[size];
        max = new double[size];
        mean = new double[size];
        m2 = new double[size];
        first = new double[size];
        firstTime = new long[size];
        last = new double[size];
        lastTime = new long[size];
    }

    /** Number of metrics tracked (the family's catalogue size), 0 before the first reading. */
    public int metricCount() {
        return count == null ? 0 : count.length;
    }

    /** Population standard deviation of metric {@code i}, or NaN without samples. */
    public double stddev(int i) {
        return count[i] == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2[i] / count[i]));
    }

    /** Mean of metric {@code i}, or NaN without samples. */
    public double meanOf(int i) {
        return count[i] == 0 ? Double.NaN : mean[i];
    }

    /** Mean of a metric by catalogue name, or NaN. */
    public double meanOf(String metric) {
        int i = Metrics.indexOf(family, metric);
        return i < 0 ? Double.NaN : meanOf(i);
    }

    /** Maximum of a metric by catalogue name, or NaN. */
    public double maxOf(String metric) {
        int i = Metrics.indexOf(family, metric);
        return i < 0 || count[i] == 0 ? Double.NaN : max[i];
    }

    /** Last value (by event time) of a metric by catalogue name, or NaN. */
    public double lastOf(String metric) {
        int i = Metrics.indexOf(family, metric);
        return i < 0 || count[i] == 0 ? Double.NaN : last[i];
    }

    /** First value (by event time) of a metric by catalogue name, or NaN. */
    public double firstOf(String metric) {
        int i = Metrics.indexOf(family, metric);
        return i < 0 || count[i] == 0 ? Double.NaN : first[i];
    }

    /** Number of samples of a metric by catalogue name. */
    public long countOf(String metric) {
        int i = Metrics.indexOf(family, metric);
        return i < 0 ? 0 : count[i];
    }

    /**
     * Mean time between readings in the window, {@code (last - first) / (n - 1)} in milliseconds,
     * or NaN with fewer than two readings. Integrals (energy, distance) treat each reading as
     * standing for this interval, which needs no ordering of the readings.
     */
    public double meanSamplingIntervalMillis() {
        return readingCount < 2
                ? Double.NaN
                : (double) (lastEventTime - firstEventTime) / (readingCount - 1);
    }

    @Override
    public String toString() {
        return "DeviceStats{"
                + deviceId
                + " n="
                + readingCount
                + " mean="
                + Arrays.toString(mean)
                + "}";
    }
}
