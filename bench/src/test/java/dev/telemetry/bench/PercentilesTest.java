package dev.telemetry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldTakeNearestRankPercentiles() {
        List<Long> samples = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            samples.add(i);
        }

        Percentiles p = Percentiles.of(samples);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void shouldReportTheOnlySampleForEveryPercentile() {
        assertThat(Percentiles.of(List.of(7L))).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
    }

    @Test
    void shouldReportZerosForNoSamples() {
        assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
    }
}
