package dev.telemetry.cluster.testjob;

/** A job whose main() gives up with System.exit, as a command line does on bad arguments. */
public final class ExitingJob {

    private ExitingJob() {}

    public static void main(String[] args) {
        System.err.println("ExitingJob: bad arguments");
        System.exit(2);
    }
}
