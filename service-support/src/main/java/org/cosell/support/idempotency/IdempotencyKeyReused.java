package org.cosell.support.idempotency;

/** An {@code Idempotency-Key} sent again with another call (another resource, move or body): 422. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key " + key + " was sent with another request; use a new key for each request");
    }
}
