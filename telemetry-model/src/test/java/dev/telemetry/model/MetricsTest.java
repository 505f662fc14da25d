package dev.telemetry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void shouldDefineMetricsForEveryFamilyWithUniqueNamesAndSaneRanges() {
        for (Family family : Family.values()) {
            Set<String> names = new HashSet<>();
            assertThat(Metrics.of(family)).isNotEmpty();
            for (MetricDefinition def : Metrics.of(family)) {
                assertThat(names.add(def.name())).as("duplicate %s", def.name()).isTrue();
                assertThat(def.family()).isEqualTo(family);
                assertThat(def.min()).isLessThan(def.max());
                assertThat(def.name()).matches("[a-z][a-z0-9_]*");
                assertThat(Metrics.indexOf(family, def.name()))
                        .isEqualTo(Metrics.of(family).indexOf(def));
            }
        }
    }

    @Test
    void shouldCarryTheMetricsTheIssueNamesForEnergySites() {
        assertThat(Metrics.of(Family.ENERGY))
                .extracting(MetricDefinition::name)
                .contains(Metrics.POWER_W, Metrics.SOC_PERCENT, Metrics.TEMPERATURE_C);
    }

    @Test
    void shouldFailLoudlyWhenCodeNamesAMetricThatDoesNotExist() {
        assertThat(Metrics.find(Family.ENGINE, "warp_factor")).isEmpty();
        assertThat(Metrics.indexOf(Family.ENGINE, "warp_factor")).isEqualTo(-1);
        assertThatThrownBy(() -> Metrics.get(Family.ENGINE, "warp_factor"))
                .hasMessageContaining("warp_factor");
    }

    @Test
    void shouldParseFamilyIdsCaseInsensitively() {
        assertThat(Family.fromId("Engine")).contains(Family.ENGINE);
        assertThat(Family.fromId("rocket")).isEmpty();
        assertThat(Family.fromId(null)).isEmpty();
    }
}
