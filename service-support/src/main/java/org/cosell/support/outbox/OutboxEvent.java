package org.cosell.support.outbox;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be relayed: the exact CloudEvent JSON, fixed when
 * the event was recorded, so a relay after a crash sends the same id again rather than a new event.
 */
public record OutboxEvent(String eventId, String topic, String key, String type, String json, Instant recordedAt) {

    /** The field of an aggregate document that holds its pending events. */
    public static final String FIELD = "pendingEvents";
}
