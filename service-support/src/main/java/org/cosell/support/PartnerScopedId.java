package org.cosell.support;

import java.util.StringJoiner;

/**
 * A stored {@code _id} made of parts that clients supply (a partner id, a user id, an {@code
 * Idempotency-Key}, a customer's name): each part is written as its length, a colon and its text,
 * and a missing part as {@code -}, so the parts can always be read back and no text in one part can
 * make two ids equal. For example {@code ("7100004", "key-1")} is {@code 7:7100004/5:key-1}.
 *
 * <p>Plain strings rather than sub-documents: the H2 store of mongo-java-server, which the local
 * launcher uses, stops finding sub-document {@code _id}s once a collection holds a few thousand of
 * them (see docs/architecture.md).
 */
public final class PartnerScopedId {

    private PartnerScopedId() {
    }

    public static String of(String... parts) {
        StringJoiner id = new StringJoiner("/");
        for (String part : parts) {
            id.add(part == null ? "-" : part.length() + ":" + part);
        }
        return id.toString();
    }
}
