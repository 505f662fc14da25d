package dev.telemetry.cluster;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded polling: re-reads a value until a condition holds or a deadline passes. */
final class Polling {

    static final Duration INTERVAL = Duration.ofMillis(200);

    private Polling() {}

    /**
     * Reads {@code probe} every {@link #INTERVAL} until {@code done} accepts the value, which is
     * returned. A {@link FlinkRestException} from the probe (REST not up yet, job not known yet)
     * counts as "not yet"; {@code guard} runs before every read and throws to stop waiting early,
     * e.g. when a process died.
     *
     * @throws ClusterTimeoutException at the deadline, naming {@code what} and the last value or
     *     error seen
     */
    static <T> T await(
            String what,
            Duration timeout,
            Supplier<T> probe,
            Predicate<? super T> done,
            Function<? super T, String> describe,
            Runnable guard) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "nothing yet";
        while (true) {
            guard.run();
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
                lastSeen = describe.apply(value);
            } catch (FlinkRestException e) {
                lastSeen = e.getMessage();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ClusterTimeoutException(
                        "Timed out after "
                                + format(timeout)
                                + " waiting for "
                                + what
                                + "; last seen: "
                                + lastSeen);
            }
            pause(Math.min(INTERVAL.toNanos(), Math.max(0, deadline - System.nanoTime())));
        }
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0
                ? millis / 1000 + " s"
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while waiting", e);
        }
    }
}
