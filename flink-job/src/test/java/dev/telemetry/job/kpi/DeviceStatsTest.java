package dev.telemetry.job.kpi;

import static dev.telemetry.job.testing.TestRecords.T0;
import static dev.telemetry.job.testing.TestRecords.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeviceStatsTest {

    private static final int SOC = Metrics.indexOf(Family.VEHICLE, Metrics.BATTERY_SOC_PCT);
    private static final int SPEED = Metrics.indexOf(Family.VEHICLE, Metrics.SPEED_KMH);

    private static List<Reading> randomReadings(long seed, int n) {
        Random random = new Random(seed);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long time = T0 + random.nextInt(60_000);
            readings.add(
                    random.nextInt(4) == 0
                            ? reading("V", Family.VEHICLE, time, i, Metrics.SPEED_KMH, 1e6)
                            : reading(
                                    "V",
                                    Family.VEHICLE,
                                    time,
                                    i,
                                    Metrics.SPEED_KMH,
                                    100 + random.nextGaussian(),
                                    Metrics.BATTERY_SOC_PCT,
                                    random.nextDouble() * 100));
        }
        return readings;
    }

    @Test
    void shouldMatchTwoPassStatisticsOnLargeOffsets() {
        List<Reading> readings = randomReadings(7, 1000);
        DeviceStats stats = new DeviceStats();
        readings.forEach(stats::add);

        double[] speeds = readings.stream().mapToDouble(r -> r.values[SPEED]).toArray();
        double mean = java.util.Arrays.stream(speeds).average().orElseThrow();
        double variance =
                java.util.Arrays.stream(speeds).map(v -> (v - mean) * (v - mean)).sum()
                        / speeds.length;
        assertThat(stats.meanOf(SPEED)).isEqualTo(mean, within(1e-6));
        assertThat(stats.stddev(SPEED)).isEqualTo(Math.sqrt(variance), within(1e-6));
        assertThat(stats.count[SOC])
                .isEqualTo(readings.stream().filter(r -> !Double.isNaN(r.values[SOC])).count());
    }

    @Test
    void shouldMergeToTheSameResultAsAddingEverything() {
        List<Reading> readings = randomReadings(11, 500);
        DeviceStats all = new DeviceStats();
        DeviceStats left = new DeviceStats();
        DeviceStats right = new DeviceStats();
        for (int i = 0; i < readings.size(); i++) {
            all.add(readings.get(i));
            (i < 200 ? left : right).add(readings.get(i));
        }

        DeviceStats merged = left.merge(right);

        assertThat(merged.readingCount).isEqualTo(all.readingCount);
        assertThat(merged.firstEventTime).isEqualTo(all.firstEventTime);
        assertThat(merged.lastEventTime).isEqualTo(all.lastEventTime);
        for (int i = 0; i < all.metricCount(); i++) {
            assertThat(merged.count[i]).isEqualTo(all.count[i]);
            assertThat(merged.min[i]).isEqualTo(all.min[i]);
            assertThat(merged.max[i]).isEqualTo(all.max[i]);
            assertThat(merged.meanOf(i)).isEqualTo(all.meanOf(i), within(1e-6));
            assertThat(merged.stddev(i)).isEqualTo(all.stddev(i), within(1e-6));
            assertThat(merged.last[i]).isEqualTo(all.last[i]);
            assertThat(merged.first[i]).isEqualTo(all.first[i]);
        }
    }

    @Test
    void shouldTakeLastByEventTimeAndLaterArrivalOnTies() {
        DeviceStats stats = new DeviceStats();
        stats.add(reading("V", Family.VEHICLE, T0 + 5, 1, Metrics.SPEED_KMH, 1));
        stats.add(reading("V", Family.VEHICLE, T0 + 9, 2, Metrics.SPEED_KMH, 2));
        stats.add(reading("V", Family.VEHICLE, T0 + 1, 3, Metrics.SPEED_KMH, 3));
        stats.add(reading("V", Family.VEHICLE, T0 + 9, 4, Metrics.SPEED_KMH, 4));

        assertThat(stats.last[SPEED]).isEqualTo(4);
        assertThat(stats.first[SPEED]).isEqualTo(3);
    }

    @Test
    void shouldKeepLastValidPosition() {
        DeviceStats stats = new DeviceStats();
        Reading early = reading("F", Family.FLIGHT, T0 + 1, 1, Metrics.VELOCITY_MS, 100);
        early.lat = 50;
        early.lon = 8;
        Reading late = reading("F", Family.FLIGHT, T0 + 2, 2, Metrics.VELOCITY_MS, 100);
        stats.add(late);
        stats.add(early);

        assertThat(stats.positionCount).isEqualTo(1);
        assertThat(stats.lastLat).isEqualTo(50);
        assertThat(stats.lastLon).isEqualTo(8);
    }
}
