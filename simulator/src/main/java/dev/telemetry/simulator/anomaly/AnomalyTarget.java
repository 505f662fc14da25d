package dev.telemetry.simulator.anomaly;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;

/** What the {@link AnomalyInjector} needs to know about a simulated device. */
public interface AnomalyTarget {

    String deviceId();

    Family family();

    /**
     * True if an anomaly of this type may start with the next reading: the device is in a phase
     * where the anomaly is meaningful and its state leaves room for any magnitude the injector
     * draws (e.g. enough altitude for a rapid descent, enough charge for a collapse).
     */
    boolean canStart(AnomalyType type);
}
