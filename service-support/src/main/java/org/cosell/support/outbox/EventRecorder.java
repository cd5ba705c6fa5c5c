package org.cosell.support.outbox;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.support.kafka.CloudEventCodec;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Makes the outbox entry of a new event: a fresh id, the service as source, the aggregate id as key. */
public class EventRecorder {

    private final CloudEventCodec codec;
    private final Clock clock;
    private final String source;

    private final OutboxTracing tracing;

    public EventRecorder(CloudEventCodec codec, Clock clock, String source, OutboxTracing tracing) {
        this.codec = codec;
        this.clock = clock;
        this.source = source;
        this.tracing = tracing;
    }

    public OutboxEvent record(EventType type, String key, Object data) {
        String eventId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        CloudEvent<Object> event = CloudEvent.of(eventId, source, type, key, now, data);
        return new OutboxEvent(eventId, type.topic(), key, type.id(), codec.writeAsString(event), now,
                tracing.currentTraceparent());
    }
}
