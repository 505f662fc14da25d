package dev.telemetry.simulator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints a progress line to stderr every few seconds while a command sends records. */
final class ProgressReporter implements AutoCloseable {

    private final PrintWriter err;
    private final String label;
    private final LongSupplier sent;
    private final LongSupplier errors;
    private final ScheduledExecutorService scheduler;
    private long lastCount;
    private long lastNanos = System.nanoTime();

    /**
     * @param err where progress goes
     * @param label prefix naming the command
     * @param sent records sent so far
     * @param errors records failed so far
     * @param interval time between lines; zero or negative disables progress lines
     */
    ProgressReporter(
            PrintWriter err,
            String label,
            LongSupplier sent,
            LongSupplier errors,
            Duration interval) {
        this.err = err;
        this.label = label;
        this.sent = sent;
        this.errors = errors;
        if (interval.isZero() || interval.isNegative()) {
            scheduler = null;
            return;
        }
        scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "progress");
                            thread.setDaemon(true);
                            return thread;
                        });
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void report() {
        long now = System.nanoTime();
        long count = sent.getAsLong();
        double seconds = (now - lastNanos) / 1e9;
        double rate = seconds > 0 ? (count - lastCount) / seconds : 0;
        lastCount = count;
        lastNanos = now;
        err.println(
                String.format(
                        Locale.ROOT,
                        "%s: %,d sent, %,.0f/s, %,d errors",
                        label,
                        count,
                        rate,
                        errors.getAsLong()));
        err.flush();
    }

    /** Formats a count and an average rate for a final summary. */
    static String summary(long count, String what, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        return String.format(
                Locale.ROOT, "%,d %s in %.1f s (%,.0f/s)", count, what, seconds, count / seconds);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
