package dev.telemetry.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionMergerTest {

    private record Rec(String id, long ts) {}

    private final PartitionMerger<Integer, Rec> merger =
            new PartitionMerger<>(List.of(0, 1), Rec::ts);
    private final List<String> out = new ArrayList<>();

    private long drain(Set<Integer> caughtUp) {
        return merger.drainReady(caughtUp, r -> out.add(r.id()), Long.MAX_VALUE);
    }

    @Test
    void shouldInterleavePartitionsByTimestamp() {
        merger.add(0, new Rec("a1", 10));
        merger.add(0, new Rec("a2", 30));
        merger.add(1, new Rec("b1", 20));
        merger.add(1, new Rec("b2", 40));

        merger.drainAll(r -> out.add(r.id()), Long.MAX_VALUE);

        assertThat(out).containsExactly("a1", "b1", "a2", "b2");
    }

    @Test
    void shouldHoldRecordsBackWhileAnotherPartitionMayStillDeliverEarlierOnes() {
        merger.add(0, new Rec("a1", 10));

        assertThat(drain(Set.of())).isZero();
        assertThat(drain(Set.of(1))).isEqualTo(1);
        assertThat(out).containsExactly("a1");
    }

    @Test
    void shouldKeepEachPartitionsOwnOrderEvenWhenTimestampsGoBackwards() {
        merger.add(0, new Rec("a1", 50));
        merger.add(0, new Rec("a2-late", 5));
        merger.add(1, new Rec("b1", 20));

        merger.drainAll(r -> out.add(r.id()), Long.MAX_VALUE);

        assertThat(out).containsExactly("b1", "a1", "a2-late");
        assertThat(merger.buffered()).isZero();
    }

    @Test
    void shouldStopAtTheLimit() {
        merger.add(0, new Rec("a1", 1));
        merger.add(0, new Rec("a2", 2));

        long released = merger.drainReady(Set.of(1), r -> out.add(r.id()), 1);

        assertThat(released).isEqualTo(1);
        assertThat(out).containsExactly("a1");
        assertThat(merger.emptyPartitions()).containsExactly(1);
    }
}
