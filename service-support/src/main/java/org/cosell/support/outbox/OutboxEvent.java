package org.cosell.support.outbox;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be relayed: the exact CloudEvent JSON, fixed when
 * the event was recorded, so a relay after a crash sends the same id again rather than a new event.
 * {@code traceparent} (W3C, may be null) is the trace the change happened in; the relay publishes
 * within it, so one trace follows a referral across services despite the asynchronous hop.
 */
public record OutboxEvent(String eventId, String topic, String key, String type, String json, Instant recordedAt,
                          String traceparent) {

    /** The field of an aggregate document that holds its pending events. */
    public static final String FIELD = "pendingEvents";
}
