package dev.telemetry.local;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a stop request instead of an immediate JVM exit. On exit
 * the JVM runs all shutdown hooks at once, so the embedded servers' own hooks would stop the broker
 * and the database while the job still writes to them; handling the signals lets local mode stop
 * the feed, the job, the cluster, the broker and the database in that order, and exit afterwards.
 */
final class StopSignals {

    private StopSignals() {}

    /** Calls {@code onSignal} (on a signal-handling thread) for each SIGINT or SIGTERM. */
    static void install(Runnable onSignal) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not available here (e.g. the JVM runs with -Xrs): shutdown hooks stop things.
                LoggerFactory.getLogger(StopSignals.class)
                        .warn("Cannot handle SIG{}; stopping relies on shutdown hooks", name);
            }
        }
    }
}
