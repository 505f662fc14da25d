package dev.telemetry.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceModelsTest {

    @ParameterizedTest
    @EnumSource(Family.class)
    void everyReadingValidatesAgainstTheCatalogueWithAllMetricsInOrder(Family family) {
        CapturedRun run = CapturedRun.clean(family, 40, Duration.ofMinutes(10));
        EventValidator validator = EventValidator.withDefaults();
        List<String> names = Metrics.of(family).stream().map(MetricDefinition::name).toList();

        List<TelemetryEvent> events = run.normalEvents();

        assertThat(events.size()).isEqualTo(40 * 10 * 60);
        assertThat(events)
                .allSatisfy(
                        event -> {
                            assertThat(validator.validate(event, event.eventTime())).isNull();
                            assertThat(event.metrics().keySet()).containsExactlyElementsOf(names);
                            assertThat(event.phase()).isNotBlank();
                        });
    }

    @Test
    void deviceIdsFollowEachFamilysConvention() {
        assertThat(DeviceFactory.deviceId(Family.ENGINE, 0)).isEqualTo("TRE-001");
        assertThat(DeviceFactory.deviceId(Family.ENGINE, 99_999)).isEqualTo("TRE-100000");
        assertThat(DeviceFactory.deviceId(Family.VEHICLE, 41)).isEqualTo("EV-00042");
        assertThat(DeviceFactory.deviceId(Family.ENERGY, 6)).isEqualTo("ESS-0007");
        Set<String> icao = new HashSet<>();
        for (int index = 0; index < 100_000; index++) {
            icao.add(DeviceFactory.deviceId(Family.FLIGHT, index));
        }
        assertThat(icao.size()).isEqualTo(100_000);
        assertThat(icao.stream().filter(id -> !id.matches("[0-9a-f]{6}"))).isEmpty();
    }

    @Test
    void devicesStartAtDifferentPointsOfTheirCycle() {
        DeviceFactory factory = new DeviceFactory(1.0, CapturedRun.START);
        Reading reading = DeviceFactory.newReading(Family.ENGINE);
        int mainstage = 0;
        Set<Double> pressures = new HashSet<>();
        for (int index = 0; index < 200; index++) {
            DeviceModel engine =
                    factory.create(Family.ENGINE, index, Seeds.forDevice(1, Family.ENGINE, index));
            engine.step(null, CapturedRun.START, reading);
            mainstage += engine.phase().equals("mainstage") ? 1 : 0;
            pressures.add(reading.value(EngineModel.PRESSURE));
        }

        assertThat(mainstage).isBetween(130, 190);
        assertThat(pressures).hasSizeGreaterThan(150);
    }
}
