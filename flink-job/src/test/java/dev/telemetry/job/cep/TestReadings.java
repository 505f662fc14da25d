package dev.telemetry.job.cep;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds readings for tests through the real event → reading conversion. */
public final class TestReadings {

    public static final long T0 = 1_750_000_000_000L;

    private final String deviceId;
    private final Family family;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private String phase;
    private Double lat;
    private Double lon;
    private long seq;

    private TestReadings(String deviceId, Family family, String phase) {
        this.deviceId = deviceId;
        this.family = family;
        this.phase = phase;
    }

    /** An engine in steady mainstage. */
    public static TestReadings engine(String deviceId) {
        return new TestReadings(deviceId, Family.ENGINE, "mainstage")
                .set(Metrics.CHAMBER_PRESSURE_BAR, 200)
                .set(Metrics.FUEL_FLOW_KG_S, 100)
                .set(Metrics.OXIDIZER_FLOW_KG_S, 260)
                .set(Metrics.MIXTURE_RATIO, 2.6)
                .set(Metrics.CHAMBER_TEMP_K, 3300)
                .set(Metrics.TURBOPUMP_TEMP_K, 700)
                .set(Metrics.VIBRATION_G, 2)
                .set(Metrics.PERFORMANCE_SCORE, 95);
    }

    /** A car driving at moderate power. */
    public static TestReadings vehicle(String deviceId) {
        return new TestReadings(deviceId, Family.VEHICLE, "driving")
                .set(Metrics.SPEED_KMH, 90)
                .set(Metrics.BATTERY_SOC_PCT, 70)
                .set(Metrics.BATTERY_TEMP_C, 30)
                .set(Metrics.MOTOR_TEMP_C, 60)
                .set(Metrics.POWER_KW, 20)
                .set(Metrics.ODOMETER_KM, 12_000);
    }

    /** An aircraft in cruise. */
    public static TestReadings flight(String deviceId) {
        return new TestReadings(deviceId, Family.FLIGHT, "cruise")
                .set(Metrics.BARO_ALTITUDE_M, 10_000)
                .set(Metrics.VELOCITY_MS, 230)
                .set(Metrics.HEADING_DEG, 90)
                .set(Metrics.VERTICAL_RATE_MS, 0)
                .set(Metrics.ON_GROUND, 0)
                .at(50.0, 8.0);
    }

    /** A storage site discharging. */
    public static TestReadings energy(String deviceId) {
        return new TestReadings(deviceId, Family.ENERGY, "discharging")
                .set(Metrics.POWER_W, 500_000)
                .set(Metrics.SOLAR_POWER_W, 100_000)
                .set(Metrics.SOC_PERCENT, 60)
                .set(Metrics.TEMPERATURE_C, 28)
                .set(Metrics.VOLTAGE_V, 800);
    }

    public TestReadings set(String metric, double value) {
        metrics.put(metric, value);
        return this;
    }

    public TestReadings phase(String phase) {
        this.phase = phase;
        return this;
    }

    public TestReadings at(double lat, double lon) {
        this.lat = lat;
        this.lon = lon;
        return this;
    }

    public double get(String metric) {
        return metrics.get(metric);
    }

    /** A reading at {@code T0 + millis}, with the next sequence number. */
    public Reading read(long millis) {
        TelemetryEvent.Builder b =
                TelemetryEvent.builder(deviceId, family)
                        .eventTime(T0 + millis)
                        .seq(++seq)
                        .phase(phase);
        metrics.forEach(b::metric);
        if (lat != null) {
            b.position(lat, lon);
        }
        return Reading.of(b.build());
    }

    /** Readings {@code intervalMillis} apart from {@code T0}, {@code metric} taking the values. */
    public List<Reading> readEvery(long intervalMillis, String metric, double... values) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            readings.add(set(metric, values[i]).read(i * intervalMillis));
        }
        return readings;
    }

    /** {@code n} readings one second apart, {@code metric} changing by {@code perSecond}. */
    public List<Reading> ramp(String metric, double start, double perSecond, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + perSecond * i;
        }
        return readEvery(1000, metric, values);
    }
}
