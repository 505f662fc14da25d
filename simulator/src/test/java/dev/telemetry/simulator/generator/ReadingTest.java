package dev.telemetry.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.TelemetryJson;
import org.junit.jupiter.api.Test;

class ReadingTest {

    @Test
    void writesExactlyTheBytesOfTheModelsJsonWriter() {
        DeviceFactory factory = new DeviceFactory(1.0, CapturedRun.START);
        for (Family family : Family.values()) {
            Reading reading = DeviceFactory.newReading(family);
            for (int index = 0; index < 40; index++) {
                DeviceModel device =
                        factory.create(family, index, Seeds.forDevice(3, family, index));
                for (int tick = 0; tick < 50; tick++) {
                    long time = CapturedRun.START + tick * 1_000L;
                    device.step(null, time, reading);

                    byte[] written = reading.toJson(device.deviceId(), time, tick + 1);

                    assertThat(new String(written))
                            .isEqualTo(
                                    TelemetryJson.toJson(
                                            reading.toEvent(device.deviceId(), time, tick + 1)));
                }
            }
        }
    }

    @Test
    void clampsValuesIntoTheCatalogueRangeAndRoundsThem() {
        Reading reading = DeviceFactory.newReading(Family.ENGINE);

        reading.set(EngineModel.PRESSURE, 512.3456);
        reading.set(EngineModel.FUEL, -3);
        reading.set(EngineModel.CHAMBER_TEMP, 3300.4567);

        assertThat(reading.value(EngineModel.PRESSURE)).isEqualTo(300.0);
        assertThat(reading.value(EngineModel.FUEL)).isEqualTo(0.0);
        assertThat(reading.value(EngineModel.CHAMBER_TEMP)).isEqualTo(3300.46);
    }
}
