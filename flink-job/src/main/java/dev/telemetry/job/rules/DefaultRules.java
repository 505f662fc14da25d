package dev.telemetry.job.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the rules shipped with the job ({@value #RESOURCE}), in force until a rule update. */
public final class DefaultRules {

    /** Classpath location of the shipped rules. */
    public static final String RESOURCE = "rules/default-rules.json";

    private DefaultRules() {}

    /** The shipped rules; fails loudly if the resource is missing or invalid. */
    public static List<Rule> load() {
        try (InputStream in = DefaultRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return RuleParser.parseFile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
