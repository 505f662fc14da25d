package dev.telemetry.job.rules;

/**
 * One parameter value of a {@link Rule}: for every phase (empty {@link #phase}) or as an override
 * for one operating phase. A Flink POJO.
 */
public class ParamValue implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Operating phase the value applies to; empty for the rule's base value. */
    public String phase;

    /** Parameter name, a {@link RuleParam#key()}. */
    public String name;

    public double value;

    public ParamValue() {}

    public ParamValue(String phase, String name, double value) {
        this.phase = phase;
        this.name = name;
        this.value = value;
    }

    @Override
    public String toString() {
        return (phase.isEmpty() ? "" : phase + ".") + name + "=" + value;
    }
}
