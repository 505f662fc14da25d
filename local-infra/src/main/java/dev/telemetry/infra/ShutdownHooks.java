package dev.telemetry.infra;

import java.time.Duration;

/** Shutdown hooks that cannot hang the JVM's exit. */
final class ShutdownHooks {

    private ShutdownHooks() {}

    /**
     * Registers {@code action} to run at JVM exit, on a helper thread that the hook waits for at
     * most {@code timeout}: if the server's lock is held by a thread that exit interrupted (say,
     * Ctrl-C during start-up), the JVM still exits, and the stale-instance cleanup of the next
     * start removes what is left.
     */
    static Thread register(String name, Runnable action, Duration timeout) {
        Thread hook =
                new Thread(
                        () -> {
                            Thread worker = new Thread(action, name + "-worker");
                            worker.setDaemon(true);
                            worker.start();
                            try {
                                worker.join(timeout.toMillis());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Unregisters a hook unless the JVM is already exiting (then it runs, or ran, anyway). */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the hook runs, or already ran, on its own
        }
    }
}
