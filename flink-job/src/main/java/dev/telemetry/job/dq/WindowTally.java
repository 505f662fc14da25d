package dev.telemetry.job.dq;

/** Count of one device's late or duplicate readings in one window, and whether it is unsent. */
public class WindowTally {

    public String family;
    public long count;
    public boolean pending;

    public WindowTally() {}
}
