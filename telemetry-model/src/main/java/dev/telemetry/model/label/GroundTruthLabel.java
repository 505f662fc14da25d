package dev.telemetry.model.label;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.telemetry.model.Family;
import dev.telemetry.model.RejectReason;
import java.util.Objects;

/**
 * One line of the simulator's ground-truth labels file (JSONL): an injected anomaly, or one
 * injected bad record.
 *
 * @param category {@code anomaly} or {@code bad_data}
 * @param deviceId the device
 * @param family the device's family
 * @param type the {@link AnomalyType} or {@link BadDataType} name
 * @param onset first affected event time (epoch ms)
 * @param end last affected event time (epoch ms), inclusive
 * @param seq for bad data: the sequence number of the affected record (null if unknown)
 * @param outcome for bad data: what the pipeline must do
 * @param reason for rejected bad data: the expected reason code
 * @param metric the metric concerned, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroundTruthLabel(
        @JsonProperty("category") Category category,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("family") Family family,
        @JsonProperty("type") String type,
        @JsonProperty("onset") long onset,
        @JsonProperty("end") long end,
        @JsonProperty("seq") Long seq,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("reason") RejectReason reason,
        @JsonProperty("metric") String metric) {

    /** Label categories. */
    public enum Category {
        @JsonProperty("anomaly")
        ANOMALY,
        @JsonProperty("bad_data")
        BAD_DATA
    }

    public GroundTruthLabel {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
    }

    /** A label for an injected anomaly spanning {@code [onset, end]}. */
    public static GroundTruthLabel anomaly(
            String deviceId, Family family, AnomalyType type, long onset, long end, String metric) {
        return new GroundTruthLabel(
                Category.ANOMALY,
                deviceId,
                family,
                type.name(),
                onset,
                end,
                null,
                null,
                null,
                metric);
    }

    /** A label for one injected bad record. */
    public static GroundTruthLabel badData(
            String deviceId,
            Family family,
            BadDataType type,
            long eventTime,
            Long seq,
            String metric) {
        return new GroundTruthLabel(
                Category.BAD_DATA,
                deviceId,
                family,
                type.name(),
                eventTime,
                eventTime,
                seq,
                type.outcome(),
                type.reason(),
                metric);
    }

    /** The anomaly type, for anomaly labels. */
    public AnomalyType anomalyType() {
        return category == Category.ANOMALY ? AnomalyType.valueOf(type) : null;
    }

    /** The bad-data type, for bad-data labels. */
    public BadDataType badDataType() {
        return category == Category.BAD_DATA ? BadDataType.valueOf(type) : null;
    }
}
