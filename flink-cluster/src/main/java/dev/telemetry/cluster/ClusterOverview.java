package dev.telemetry.cluster;

/** What a Flink cluster's REST {@code /overview} reports: registered TaskManagers, slots, jobs. */
public record ClusterOverview(
        int taskManagers,
        int slotsTotal,
        int slotsAvailable,
        int jobsRunning,
        String flinkVersion) {}
