package dev.telemetry.job;

import dev.telemetry.job.kpi.DeviceWindowKpi;
import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.model.Reading;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams {@link TelemetryPipeline#build} exposes for further operators (CEP, alerts).
 *
 * @param validated accepted, deduplicated, on-time readings with event-time timestamps and
 *     watermarks; keyed by nothing (use {@code keyBy(r -> r.deviceId)})
 * @param deviceWindows per-device window statistics, one per device and window (again on a late
 *     firing when allowed lateness is set)
 * @param deadLetters rejected records
 */
public record PipelineStreams(
        DataStream<Reading> validated,
        DataStream<DeviceWindowKpi> deviceWindows,
        DataStream<DeadLetter> deadLetters) {}
