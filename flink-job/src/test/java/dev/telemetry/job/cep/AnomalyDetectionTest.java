package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import org.junit.jupiter.api.Test;

class AnomalyDetectionTest {

    @Test
    void shouldKeepBaselinesOnlyForTheFamilyWhoseDetectorsCompareAgainstThem() {
        // Pressure spike and fuel system failure; no battery or flight detector reads one.
        assertThat(AnomalyDetection.baselineFamilies()).containsExactly(Family.ENGINE);
    }
}
