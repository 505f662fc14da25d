package dev.telemetry.simulator.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Merges the record streams of several partitions into one stream ordered by timestamp while
 * keeping every partition's own order (and so every key's order). A record is released only when no
 * partition that may still deliver earlier records is empty, so a recording of a multi-partition
 * topic replays with the original time gaps instead of partition-sized bursts.
 *
 * @param <P> partition identifier
 * @param <R> record type
 */
final class PartitionMerger<P, R> {

    private final ToLongFunction<R> timestamp;
    private final Map<P, Deque<R>> queues = new LinkedHashMap<>();
    private long buffered;

    PartitionMerger(Iterable<P> partitions, ToLongFunction<R> timestamp) {
        this.timestamp = timestamp;
        for (P partition : partitions) {
            queues.put(partition, new ArrayDeque<>());
        }
    }

    void add(P partition, R record) {
        queues.computeIfAbsent(partition, p -> new ArrayDeque<>()).add(record);
        buffered++;
    }

    /** Number of records held back. */
    long buffered() {
        return buffered;
    }

    /** Partitions with nothing buffered; only these need a caught-up check. */
    Set<P> emptyPartitions() {
        Set<P> empty = new HashSet<>();
        queues.forEach(
                (partition, queue) -> {
                    if (queue.isEmpty()) {
                        empty.add(partition);
                    }
                });
        return empty;
    }

    /**
     * Releases records in timestamp order for as long as every empty partition is caught up.
     *
     * @param caughtUp partitions known to have no further records right now
     * @param out receives the released records
     * @param limit the most records to release
     * @return the number released
     */
    long drainReady(Set<P> caughtUp, Consumer<R> out, long limit) {
        long released = 0;
        while (released < limit) {
            Deque<R> next = null;
            long nextTimestamp = Long.MAX_VALUE;
            for (Map.Entry<P, Deque<R>> entry : queues.entrySet()) {
                Deque<R> queue = entry.getValue();
                if (queue.isEmpty()) {
                    if (!caughtUp.contains(entry.getKey())) {
                        return released;
                    }
                } else {
                    long ts = timestamp.applyAsLong(queue.peek());
                    if (ts < nextTimestamp) {
                        nextTimestamp = ts;
                        next = queue;
                    }
                }
            }
            if (next == null) {
                return released;
            }
            out.accept(next.poll());
            buffered--;
            released++;
        }
        return released;
    }

    /** Releases everything still buffered, in timestamp order. */
    long drainAll(Consumer<R> out, long limit) {
        return drainReady(queues.keySet(), out, limit);
    }
}
