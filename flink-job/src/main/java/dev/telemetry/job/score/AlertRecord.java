package dev.telemetry.job.score;

import dev.telemetry.model.label.AnomalyType;

/**
 * What scoring needs of one alert: who, what, and when it was raised (its onset, the event time of
 * the detector's first firing).
 */
public record AlertRecord(String alertId, String deviceId, AnomalyType type, long onset) {}
