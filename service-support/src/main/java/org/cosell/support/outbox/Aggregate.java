package org.cosell.support.outbox;

import org.cosell.contracts.EventType;
import org.springframework.data.annotation.Transient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An aggregate whose document carries its own outbox. A move raises the events it causes
 * ({@link #raise}); the {@link AggregateStore} records them as pending events and writes them with
 * the state, in one document write, so no caller hands events over. The version counts the writes
 * of the document (the API shows it as the ETag); the relay removes published events without
 * touching it, which is why a write is guarded by both (see {@link AggregateStore#replace}).
 */
public abstract class Aggregate {

    /** The document field that holds the version, set by the store on every write. */
    static final String VERSION = "version";

    private Long version;
    private final List<OutboxEvent> pendingEvents;
    /** How many of the pending events the stored document holds: what a replace is guarded by. */
    @Transient
    private int storedPendingEventCount;
    @Transient
    private final List<RaisedEvent> raisedEvents = new ArrayList<>();

    /**
     * @param version       as stored, or {@code null} for an aggregate not stored yet
     * @param pendingEvents as stored, or {@code null}
     */
    protected Aggregate(Long version, List<OutboxEvent> pendingEvents) {
        this.version = version;
        this.pendingEvents = pendingEvents == null ? new ArrayList<>() : new ArrayList<>(pendingEvents);
        this.storedPendingEventCount = this.pendingEvents.size();
    }

    /** The document id, and the key of every event the aggregate raises. */
    public abstract UUID id();

    /** The partner the aggregate belongs to; nobody else sees it. */
    public abstract String partnerId();

    /** The version the API shows as {@code ETag}; 0 before the first write. */
    public long version() {
        return version == null ? 0 : version;
    }

    /** A move caused {@code data}, to be announced as {@code type} with the write that stores the move. */
    protected final void raise(EventType type, Object data) {
        raisedEvents.add(new RaisedEvent(type, data));
    }

    /**
     * As {@link #raise}, ahead of the events raised so far: for a creation announced with the state
     * the moves made along with it left.
     */
    protected final void raiseFirst(EventType type, Object data) {
        raisedEvents.add(0, new RaisedEvent(type, data));
    }

    /** The events raised since the last recording, in order. */
    public List<RaisedEvent> raisedEvents() {
        return List.copyOf(raisedEvents);
    }

    /** The recorded events the relay has not published yet, those written and those to be written. */
    public List<OutboxEvent> pendingEvents() {
        return List.copyOf(pendingEvents);
    }

    /** All or none: an event too large to publish leaves the aggregate as it was. */
    void recordRaisedEvents(EventRecorder recorder) {
        List<OutboxEvent> recorded = new ArrayList<>(raisedEvents.size());
        for (RaisedEvent raised : raisedEvents) {
            recorded.add(recorder.record(raised.type(), id().toString(), raised.data()));
        }
        pendingEvents.addAll(recorded);
        raisedEvents.clear();
    }

    int storedPendingEventCount() {
        return storedPendingEventCount;
    }

    boolean hasUnstoredEvents() {
        return pendingEvents.size() > storedPendingEventCount;
    }

    /** The document was written at {@code writtenVersion}, with every pending event. */
    void stored(long writtenVersion) {
        version = writtenVersion;
        storedPendingEventCount = pendingEvents.size();
    }
}
