package dev.telemetry.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time consumed by this JVM (the job, the embedded broker and the benchmark's clients; not the
 * PostgreSQL server). Events per CPU-second hardly depend on how many cores other processes take,
 * which wall-clock rates on a shared machine do.
 */
final class CpuTime {

    private CpuTime() {}

    /** Process CPU time in seconds so far. */
    static double processSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }
}
