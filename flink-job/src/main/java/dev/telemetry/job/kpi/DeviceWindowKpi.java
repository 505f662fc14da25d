package dev.telemetry.job.kpi;

import dev.telemetry.model.Family;

/**
 * The statistics of one device in one event-time window: the result of the per-device KPI window
 * and the input of the per-family KPIs. A Flink POJO.
 */
public class DeviceWindowKpi {

    public String deviceId;
    public Family family;
    public long windowStart;
    public long windowEnd;
    public DeviceStats stats;

    public DeviceWindowKpi() {}

    public DeviceWindowKpi(
            String deviceId, Family family, long windowStart, long windowEnd, DeviceStats stats) {
        this.deviceId = deviceId;
        this.family = family;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.stats = stats;
    }

    @Override
    public String toString() {
        return "DeviceWindowKpi{"
                + deviceId
                + " ["
                + windowStart
                + ","
                + windowEnd
                + ") n="
                + stats.readingCount
                + "}";
    }
}
