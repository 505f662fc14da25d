package dev.telemetry.cluster;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job's checkpoint counters and latest checkpoints, as reported by REST {@code
 * /jobs/<id>/checkpoints}.
 *
 * @param restored how often the job restored state from a checkpoint or savepoint (each failover
 *     that restores counts once)
 * @param latestCompletedPath where the latest completed checkpoint was written
 * @param latestRestoredId the checkpoint the job last restored from
 */
public record CheckpointStats(
        long completed,
        long failed,
        long inProgress,
        long restored,
        OptionalLong latestCompletedId,
        Optional<String> latestCompletedPath,
        OptionalLong latestRestoredId) {}
