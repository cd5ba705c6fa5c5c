package org.cosell.support.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A call a client sent with an {@code Idempotency-Key}: the key, and a fingerprint of what the call
 * asked for (its operation, target and body). A key stands for one call; sent again with the same
 * call it is a repeat, with another it is a mistake ({@link IdempotencyKeyReused}).
 */
public record IdempotentRequest(String key, String fingerprint) {

    public static final String HEADER = "Idempotency-Key";
    /** Answer header saying whether the answer is an earlier call's, as {@code POST /api/deals} answers it. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /**
     * @param call what is asked of which resource, e.g. {@code "accept <id>"}
     * @param body the request body as canonical JSON (or {@code "null"})
     */
    public static IdempotentRequest of(String key, String call, String body) {
        // the call's length first, so that no call and body run together into another pair's text
        return new IdempotentRequest(key, sha256(call.length() + ":" + call + body));
    }

    /**
     * Whether this call repeats {@code earlier}, the call that changed a resource.
     *
     * @throws IdempotencyKeyReused when the key is the same but the call is not
     */
    public boolean repeats(IdempotentRequest earlier) {
        if (earlier == null || !earlier.key().equals(key)) {
            return false;
        }
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReused(key);
        }
        return true;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
