package dev.telemetry.model;

import dev.telemetry.model.MetricDefinition.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric catalogue: every metric of every family with unit and valid range. This is the single
 * source of truth; nothing else in the project spells out a range.
 */
public final class Metrics {

    // Engine (rocket engine on a test stand).
    public static final String CHAMBER_PRESSURE_BAR = "chamber_pressure_bar";
    public static final String FUEL_FLOW_KG_S = "fuel_flow_kg_s";
    public static final String OXIDIZER_FLOW_KG_S = "oxidizer_flow_kg_s";
    public static final String MIXTURE_RATIO = "mixture_ratio";
    public static final String CHAMBER_TEMP_K = "chamber_temp_k";
    public static final String TURBOPUMP_TEMP_K = "turbopump_temp_k";
    public static final String VIBRATION_G = "vibration_g";
    public static final String PERFORMANCE_SCORE = "performance_score";

    // Vehicle (electric car).
    public static final String SPEED_KMH = "speed_kmh";
    public static final String BATTERY_SOC_PCT = "battery_soc_pct";
    public static final String BATTERY_TEMP_C = "battery_temp_c";
    public static final String MOTOR_TEMP_C = "motor_temp_c";
    public static final String POWER_KW = "power_kw";
    public static final String ODOMETER_KM = "odometer_km";

    // Flight (aircraft state vector, OpenSky style).
    public static final String BARO_ALTITUDE_M = "baro_altitude_m";
    public static final String VELOCITY_MS = "velocity_ms";
    public static final String HEADING_DEG = "heading_deg";
    public static final String VERTICAL_RATE_MS = "vertical_rate_ms";
    public static final String ON_GROUND = "on_ground";

    // Energy (battery storage / solar site).
    public static final String POWER_W = "power_w";
    public static final String SOLAR_POWER_W = "solar_power_w";
    public static final String SOC_PERCENT = "soc_percent";
    public static final String TEMPERATURE_C = "temperature_c";
    public static final String VOLTAGE_V = "voltage_v";

    private static final Map<Family, List<MetricDefinition>> BY_FAMILY =
            new EnumMap<>(Family.class);
    private static final Map<Family, Map<String, MetricDefinition>> BY_NAME =
            new EnumMap<>(Family.class);

    static {
        Family e = Family.ENGINE;
        define(e, CHAMBER_PRESSURE_BAR, "bar", 0, 300, Kind.GAUGE, "Combustion chamber pressure");
        define(e, FUEL_FLOW_KG_S, "kg/s", 0, 200, Kind.GAUGE, "Fuel mass flow");
        define(e, OXIDIZER_FLOW_KG_S, "kg/s", 0, 600, Kind.GAUGE, "Oxidiser mass flow");
        define(e, MIXTURE_RATIO, "O/F", 0, 10, Kind.GAUGE, "Oxidiser-to-fuel mass ratio");
        define(e, CHAMBER_TEMP_K, "K", 200, 4500, Kind.GAUGE, "Chamber wall temperature");
        define(e, TURBOPUMP_TEMP_K, "K", 200, 1500, Kind.GAUGE, "Turbopump bearing temperature");
        define(e, VIBRATION_G, "g", 0, 50, Kind.GAUGE, "Vibration RMS acceleration");
        define(e, PERFORMANCE_SCORE, "%", 0, 100, Kind.GAUGE, "Derived performance score");

        Family v = Family.VEHICLE;
        define(v, SPEED_KMH, "km/h", 0, 260, Kind.GAUGE, "Vehicle speed");
        define(v, BATTERY_SOC_PCT, "%", 0, 100, Kind.GAUGE, "Battery state of charge");
        define(v, BATTERY_TEMP_C, "°C", -40, 150, Kind.GAUGE, "Battery pack temperature");
        define(v, MOTOR_TEMP_C, "°C", -40, 200, Kind.GAUGE, "Traction motor temperature");
        define(
                v,
                POWER_KW,
                "kW",
                -350,
                350,
                Kind.POWER_SIGNED,
                "Battery power: positive discharging, negative charging or regenerating");
        define(v, ODOMETER_KM, "km", 0, 2_000_000, Kind.GAUGE, "Odometer");

        Family f = Family.FLIGHT;
        define(f, BARO_ALTITUDE_M, "m", -500, 20_000, Kind.GAUGE, "Barometric altitude");
        define(f, VELOCITY_MS, "m/s", 0, 400, Kind.GAUGE, "Ground speed");
        define(f, HEADING_DEG, "°", 0, 360, Kind.GAUGE, "True track, clockwise from north");
        define(
                f,
                VERTICAL_RATE_MS,
                "m/s",
                -100,
                100,
                Kind.GAUGE,
                "Vertical rate, positive climbing");
        define(f, ON_GROUND, "flag", 0, 1, Kind.FLAG, "1 if the aircraft reports being on ground");

        Family g = Family.ENERGY;
        define(
                g,
                POWER_W,
                "W",
                -5_000_000,
                5_000_000,
                Kind.POWER_SIGNED,
                "Battery power at the grid connection: positive discharging, negative charging");
        define(
                g,
                SOLAR_POWER_W,
                "W",
                0,
                5_000_000,
                Kind.POWER_NON_NEGATIVE,
                "Photovoltaic generation");
        define(g, SOC_PERCENT, "%", 0, 100, Kind.GAUGE, "Battery state of charge");
        define(g, TEMPERATURE_C, "°C", -40, 150, Kind.GAUGE, "Battery container temperature");
        define(g, VOLTAGE_V, "V", 0, 1_500, Kind.GAUGE, "DC bus voltage");

        BY_FAMILY.replaceAll((family, list) -> Collections.unmodifiableList(list));
        BY_NAME.replaceAll((family, map) -> Collections.unmodifiableMap(map));
    }

    private Metrics() {}

    private static void define(
            Family family,
            String name,
            String unit,
            double min,
            double max,
            Kind kind,
            String description) {
        MetricDefinition def =
                new MetricDefinition(family, name, unit, min, max, kind, description);
        BY_FAMILY.computeIfAbsent(family, k -> new ArrayList<>()).add(def);
        BY_NAME.computeIfAbsent(family, k -> new LinkedHashMap<>()).put(name, def);
    }

    /** The metrics of a family in their canonical (wire) order. */
    public static List<MetricDefinition> of(Family family) {
        return BY_FAMILY.get(family);
    }

    /** Looks up a metric of a family by wire name. */
    public static Optional<MetricDefinition> find(Family family, String name) {
        return Optional.ofNullable(BY_NAME.get(family).get(name));
    }

    /** Looks up a metric that must exist; for code that names catalogue constants. */
    public static MetricDefinition get(Family family, String name) {
        MetricDefinition def = BY_NAME.get(family).get(name);
        if (def == null) {
            throw new IllegalArgumentException("No metric " + name + " in family " + family);
        }
        return def;
    }

    /** Index of a metric in its family's canonical order, or -1. */
    public static int indexOf(Family family, String name) {
        List<MetricDefinition> list = BY_FAMILY.get(family);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
