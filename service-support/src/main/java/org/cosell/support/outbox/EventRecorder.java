package org.cosell.support.outbox;

import org.cosell.support.tracing.TraceContinuation;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.support.kafka.CloudEventCodec;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.cosell.support.kafka.EventTooLargeException;

/**
 * Makes the outbox entry of a new event: a fresh id, the service as source, the aggregate id as key.
 * An event whose JSON would not fit in one Kafka request ({@code max.request.size} less room for the
 * key, headers and record overhead) is refused here, before its state change is stored.
 */
public class EventRecorder {

    /** Room in a produce request for what the relay adds to the JSON: key, headers, record and batch overhead. */
    static final int ENVELOPE_ALLOWANCE = 1024;

    private final CloudEventCodec codec;
    private final Clock clock;
    private final String source;

    private final TraceContinuation tracing;
    private final int maxEventBytes;

    /** @param maxRequestBytes the producer's {@code max.request.size} */
    public EventRecorder(CloudEventCodec codec, Clock clock, String source, TraceContinuation tracing, int maxRequestBytes) {
        this.codec = codec;
        this.clock = clock;
        this.source = source;
        this.tracing = tracing;
        this.maxEventBytes = maxRequestBytes - ENVELOPE_ALLOWANCE;
    }

    /** The most bytes an event's JSON may take. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    public OutboxEvent record(EventType type, String key, Object data) {
        String eventId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        CloudEvent<Object> event = CloudEvent.of(eventId, source, type, key, now, data);
        byte[] json = codec.write(event);
        if (json.length > maxEventBytes) {
            throw new EventTooLargeException(type.id(), json.length, maxEventBytes);
        }
        return new OutboxEvent(eventId, type.topic(), key, type.id(), new String(json, StandardCharsets.UTF_8), now,
                tracing.currentTraceparent());
    }
}
