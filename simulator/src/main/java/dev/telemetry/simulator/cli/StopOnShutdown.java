package dev.telemetry.simulator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into an orderly stop: the shutdown hook asks the running command to stop and waits
 * (briefly) until it has flushed and closed its outputs, so a file ends cleanly and buffered Kafka
 * records are delivered.
 */
final class StopOnShutdown implements AutoCloseable {

    private static final long GRACE_SECONDS = 10;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param onStop called from the shutdown hook, for example to interrupt the main thread
     */
    StopOnShutdown(Runnable onStop) {
        hook =
                new Thread(
                        () -> {
                            onStop.run();
                            try {
                                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "stop-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Interrupts the calling thread on shutdown. */
    static StopOnShutdown interruptingCurrentThread() {
        Thread main = Thread.currentThread();
        return new StopOnShutdown(main::interrupt);
    }

    /** Marks the command finished and removes the hook unless the JVM is already shutting down. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown in progress: the hook is running and now sees "finished".
        }
    }
}
