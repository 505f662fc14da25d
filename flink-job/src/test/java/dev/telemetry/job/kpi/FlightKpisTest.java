package dev.telemetry.job.kpi;

import static dev.telemetry.job.kpi.KpiFixtures.MINUTE;
import static dev.telemetry.job.kpi.KpiFixtures.window;
import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class FlightKpisTest {

    private static Reading at(
            String icao, long dt, double velocity, int onGround, double lat, double lon) {
        Reading r =
                reading(
                        icao,
                        Family.FLIGHT,
                        T0 + dt,
                        dt,
                        Metrics.VELOCITY_MS,
                        velocity,
                        Metrics.ON_GROUND,
                        onGround);
        r.lat = lat;
        r.lon = lon;
        return r;
    }

    @Test
    void shouldPlacePositionsInFirstMatchingNamedBox() {
        assertThat(FlightRegion.of(50.0, 8.6)).isEqualTo(FlightRegion.EUROPE);
        assertThat(FlightRegion.of(40.6, -73.8)).isEqualTo(FlightRegion.NORTH_AMERICA);
        assertThat(FlightRegion.of(-33.9, 151.2)).isEqualTo(FlightRegion.OCEANIA);
        assertThat(FlightRegion.of(36.0, 30.0)).isEqualTo(FlightRegion.EUROPE); // not AFRICA
        assertThat(FlightRegion.of(0.0, -30.0)).isEqualTo(FlightRegion.OTHER); // Atlantic
        assertThat(FlightRegion.of(Double.NaN, Double.NaN)).isEqualTo(FlightRegion.NO_POSITION);
    }

    @Test
    void shouldRollUpAircraftGroundAirVelocityAndRegions() {
        DeviceWindowKpi landed =
                window(at("A1", 1000, 200, 0, 50, 8), at("A1", 2000, 10, 1, 50.1, 8.1));
        DeviceWindowKpi cruising = window(at("A2", 1000, 240, 0, 40, -74));
        DeviceWindowKpi noPosition =
                window(reading("A3", Family.FLIGHT, T0, 1, Metrics.VELOCITY_MS, 150));

        FlightFleetKpi fleet =
                FlightFleetWindowFunction.rollUp(
                        T0, T0 + MINUTE, List.of(landed, cruising, noPosition, cruising));

        assertThat(fleet.aircraftCount()).isEqualTo(3);
        assertThat(fleet.withPositionCount()).isEqualTo(2);
        assertThat(fleet.onGroundCount()).isEqualTo(1);
        assertThat(fleet.inAirCount()).isEqualTo(1);
        assertThat(fleet.avgVelocityMs()).isEqualTo((200 + 10 + 240 + 150) / 4.0);
        assertThat(fleet.maxVelocityMs()).isEqualTo(240);
        assertThat(fleet.regionCounts()[FlightRegion.EUROPE.ordinal()]).isEqualTo(1);
        assertThat(fleet.regionCounts()[FlightRegion.NORTH_AMERICA.ordinal()]).isEqualTo(1);
        assertThat(fleet.regionCounts()[FlightRegion.NO_POSITION.ordinal()]).isEqualTo(1);
    }

    @Test
    void shouldWriteOneRowPerRegionIncludingZeros() {
        FlightFleetKpi fleet =
                FlightFleetWindowFunction.rollUp(
                        T0, T0 + MINUTE, List.of(window(at("A1", 1000, 200, 0, 50, 8))));
        List<FlightRegionCount> rows = new ArrayList<>();

        new FlightRegionRows()
                .flatMap(
                        fleet,
                        new Collector<>() {
                            @Override
                            public void collect(FlightRegionCount row) {
                                rows.add(row);
                            }

                            @Override
                            public void close() {}
                        });

        assertThat(rows).hasSize(FlightRegion.values().length);
        assertThat(rows.stream().mapToLong(FlightRegionCount::aircraftCount).sum()).isEqualTo(1);
        assertThat(rows).contains(new FlightRegionCount(T0, T0 + MINUTE, "europe", 1));
    }
}
