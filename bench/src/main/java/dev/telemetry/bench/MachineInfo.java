package dev.telemetry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run was measured on, read from {@code /proc}, {@code /etc/os-release} and system
 * properties, so that a results file says what its numbers mean.
 *
 * @param cpuModel the CPU's model name
 * @param cores processors available to the JVM
 * @param ramMb total memory
 * @param jdk the JVM's name and version
 * @param os the operating system and kernel
 */
public record MachineInfo(String cpuModel, int cores, long ramMb, String jdk, String os) {

    /** The machine this JVM runs on. */
    public static MachineInfo current() {
        return new MachineInfo(
                readCpuModel(),
                Runtime.getRuntime().availableProcessors(),
                readRamMb(),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + " ("
                        + System.getProperty("java.vendor")
                        + ")",
                osName()
                        + " (kernel "
                        + System.getProperty("os.version")
                        + ", "
                        + System.getProperty("os.arch")
                        + ")");
    }

    /** One-, five- and fifteen-minute load averages, or NaN where {@code /proc} is missing. */
    public static double[] loadAverage() {
        List<String> line = lines(Path.of("/proc/loadavg"));
        if (line.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        String[] parts = line.get(0).trim().split("\\s+");
        return new double[] {
            Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
        };
    }

    /** The one-minute load average, NaN if unknown. */
    public static double load1() {
        return loadAverage()[0];
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static long readRamMb() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static String osName() {
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
