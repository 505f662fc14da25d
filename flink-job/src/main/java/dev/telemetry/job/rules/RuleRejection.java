package dev.telemetry.job.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A rule update that was refused, with the reason; the rule in force stays unchanged. Written to
 * the {@code rejected_rules} table keyed by the payload's hash, so replays do not duplicate rows. A
 * Flink POJO.
 */
public class RuleRejection {

    /** SHA-256 of the payload, hex: the same bad payload is recorded once. */
    public String payloadHash;

    /** The payload as received (abbreviated to {@value #MAX_PAYLOAD_CHARS} characters). */
    public String payload;

    /** Why the rule was refused, precise enough to fix it. */
    public String reason;

    /** Kafka record timestamp (epoch ms) of the rule update, or -1 when unknown. */
    public long receivedAt;

    static final int MAX_PAYLOAD_CHARS = 8_000;

    public RuleRejection() {}

    public static RuleRejection of(String payload, String reason, long receivedAt) {
        RuleRejection r = new RuleRejection();
        String p = payload == null ? "" : payload;
        r.payloadHash = sha256(p);
        r.payload = p.length() > MAX_PAYLOAD_CHARS ? p.substring(0, MAX_PAYLOAD_CHARS) : p;
        r.reason = reason;
        r.receivedAt = receivedAt;
        return r;
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RuleRejection{" + reason + "}";
    }
}
