package dev.telemetry.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A job's state and the state of every task, as reported by REST {@code /jobs/<id>}.
 *
 * <p>A job may report {@code RUNNING} while its tasks still wait for slots, so callers that need a
 * job to process data check {@link #allTasksRunning()} rather than {@link #state()}.
 *
 * @param state Flink's job state name: {@code INITIALIZING, CREATED, RUNNING, FAILING, FAILED,
 *     CANCELLING, CANCELED, FINISHED, RESTARTING, SUSPENDED, RECONCILING}
 */
public record JobStatus(String jobId, String name, String state, List<Vertex> vertices) {

    private static final Set<String> GLOBALLY_TERMINAL = Set.of("FAILED", "CANCELED", "FINISHED");

    public JobStatus {
        vertices = List.copyOf(vertices);
    }

    /** True when the job is RUNNING and every subtask of every vertex is RUNNING. */
    public boolean allTasksRunning() {
        return "RUNNING".equals(state)
                && !vertices.isEmpty()
                && vertices.stream().allMatch(Vertex::allTasksRunning);
    }

    /** True when the job has ended for good (FAILED, CANCELED or FINISHED) and will not restart. */
    public boolean isGloballyTerminal() {
        return GLOBALLY_TERMINAL.contains(state);
    }

    /** One line for logs and error messages: the job state and each vertex's task states. */
    public String describe() {
        return state
                + " "
                + vertices.stream()
                        .map(Vertex::describe)
                        .collect(Collectors.joining("; ", "[", "]"));
    }

    /**
     * One job vertex (a chain of operators) and how many of its subtasks are in each execution
     * state.
     */
    public record Vertex(String name, int parallelism, String state, Map<String, Integer> tasks) {

        public Vertex {
            tasks = Map.copyOf(tasks);
        }

        public boolean allTasksRunning() {
            return tasks.getOrDefault("RUNNING", 0) == parallelism;
        }

        String describe() {
            String counts =
                    tasks.entrySet().stream()
                            .filter(e -> e.getValue() > 0)
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" "));
            return name + ": " + counts;
        }
    }
}
