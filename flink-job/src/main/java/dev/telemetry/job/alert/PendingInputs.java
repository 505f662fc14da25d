package dev.telemetry.job.alert;

import dev.telemetry.job.model.Reading;
import java.util.Arrays;

/**
 * Inputs of the lifecycle waiting for the watermark, for one event-time instant. Arrays rather than
 * lists keep the type a plain Flink POJO; there is rarely more than one element.
 */
public class PendingInputs {
    public Reading[] readings;
    public Detection[] detections;

    public PendingInputs() {
        readings = new Reading[0];
        detections = new Detection[0];
    }

    void add(Reading reading) {
        readings = Arrays.copyOf(readings, readings.length + 1);
        readings[readings.length - 1] = reading;
    }

    void add(Detection detection) {
        detections = Arrays.copyOf(detections, detections.length + 1);
        detections[detections.length - 1] = detection;
    }
}
