package dev.telemetry.reliability;

import dev.telemetry.cluster.StandaloneCluster;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Restarts the TaskManager when its JVM exits, as Kubernetes or systemd would: a standalone cluster
 * has no such supervisor, and a TaskManager ends itself on a fatal error (for example when a sink's
 * clean-up after a failure throws). The cases count on no exit; the restart keeps the cases that
 * follow one from running without slots.
 */
final class TaskManagerSupervisor implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final StandaloneCluster cluster;
    private final AtomicInteger restarts = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private TaskManagerSupervisor(StandaloneCluster cluster) {
        this.cluster = cluster;
        this.thread = new Thread(this::watch, "task-manager-supervisor");
        this.thread.setDaemon(true);
    }

    static TaskManagerSupervisor watch(StandaloneCluster cluster) {
        TaskManagerSupervisor supervisor = new TaskManagerSupervisor(cluster);
        supervisor.thread.start();
        return supervisor;
    }

    /** How many TaskManager JVMs exited and were replaced. */
    int restarts() {
        return restarts.get();
    }

    private void watch() {
        while (running) {
            try {
                if (cluster.taskManagerPids().isEmpty()) {
                    cluster.startTaskManager();
                    restarts.incrementAndGet();
                    System.out.println("TaskManager exited; the supervisor started another");
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("Supervisor cannot start a TaskManager: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
