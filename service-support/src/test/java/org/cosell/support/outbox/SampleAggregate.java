package org.cosell.support.outbox;

import org.cosell.contracts.EventType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;
import java.util.UUID;

/** A counter owned by a partner, announcing every count: the least an aggregate of the store needs. */
@Document("samples")
class SampleAggregate extends Aggregate {

    @Id
    private final UUID id;
    private final String partnerId;
    private final String name;
    private int count;

    @PersistenceCreator
    SampleAggregate(UUID id, Long version, String partnerId, String name, int count, List<OutboxEvent> pendingEvents) {
        super(version, pendingEvents);
        this.id = id;
        this.partnerId = partnerId;
        this.name = name;
        this.count = count;
    }

    static SampleAggregate created(UUID id, String partnerId, String name) {
        SampleAggregate sample = new SampleAggregate(id, null, partnerId, name, 0, null);
        sample.raise(EventType.DEAL_UPDATED, new Counted(id, name, 0));
        return sample;
    }

    void increment() {
        count++;
        raise(EventType.DEAL_UPDATED, new Counted(id, name, count));
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public String partnerId() {
        return partnerId;
    }

    String name() {
        return name;
    }

    int count() {
        return count;
    }

    public record Counted(UUID id, String name, int count) {
    }
}
