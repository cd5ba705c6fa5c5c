package org.cosell.support.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.cosell.support.UnorderedInserts;
import org.cosell.support.domain.NotFoundException;
import org.cosell.support.kafka.EventTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The one way aggregates are read and written: every write records the events the aggregate
 * raised ({@link Aggregate#raise}) and stores them in its document with its state, then tells the
 * {@link OutboxRelay} which documents to relay. The collection is the one the mapping names for
 * the aggregate's class.
 * <p>
 * An insert skips an aggregate that a unique index already holds (a redelivery, a concurrent
 * creation); a replace is refused as a concurrent change when the version or the pending events
 * changed since the read; {@link #change} is the load, check, move, write and retry loop every
 * command runs.
 */
public class AggregateStore<A extends Aggregate> {

    private static final Logger log = LoggerFactory.getLogger(AggregateStore.class);
    private static final int ATTEMPTS = 5;

    private final Class<A> type;
    private final String noun;
    private final MongoTemplate mongo;
    private final EventRecorder events;
    private final ObjectProvider<OutboxRelay> relay;
    private final String collection;

    /** @param noun what the aggregate is called in a not-found answer ("deal", "referral") */
    public AggregateStore(Class<A> type, String noun, MongoTemplate mongo, EventRecorder events,
                          ObjectProvider<OutboxRelay> relay) {
        this.type = type;
        this.noun = noun;
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.collection = mongo.getCollectionName(type);
    }

    /** The collection the aggregates are stored in, as the mapping names it. */
    public String collection() {
        return collection;
    }

    public Optional<A> findById(UUID id) {
        return Optional.ofNullable(mongo.findById(id, type));
    }

    /**
     * Looked up by id alone and then checked, so every database answers it from the id index.
     *
     * @param partnerId the caller's partner, or {@code null} for the system itself
     * @return empty as well when the aggregate is another partner's
     */
    public Optional<A> findOwned(String partnerId, UUID id) {
        return findById(id).filter(found -> partnerId == null || found.partnerId().equals(partnerId));
    }

    public List<A> findAllById(Collection<UUID> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), type);
    }

    /**
     * Records, in the trace current now, the events {@code aggregate} raised, without storing it
     * yet: the events' ids and the trace are fixed here, and an event too large to publish is
     * refused here ({@link EventTooLargeException}). Writes do this themselves.
     */
    public A recordRaisedEvents(A aggregate) {
        aggregate.recordRaisedEvents(events);
        return aggregate;
    }

    /**
     * Inserts new aggregates in one unordered bulk insert, at version 0. One a unique index holds
     * already (its id, or any other unique key) is skipped alone and its neighbours are stored.
     *
     * @return the aggregates skipped: someone stored them, or their unique key, before
     * @throws DataAccessException when the database failed for another reason; nothing can be
     *                             assumed stored then, and inserting all of them again is safe
     */
    public List<A> insertSkippingDuplicates(List<A> aggregates) {
        if (aggregates.isEmpty()) {
            return List.of();
        }
        List<Document> documents = new ArrayList<>(aggregates.size());
        for (A aggregate : aggregates) {
            recordRaisedEvents(aggregate);
            documents.add(documentOf(aggregate, 0));
        }
        Set<Integer> skippedPositions;
        try {
            skippedPositions = UnorderedInserts.insertIgnoringTakenIds(mongo, collection, documents);
        } catch (RuntimeException failed) {
            // An unordered insert may have stored some before it failed; their events are relayed all the same.
            wakeRelay(aggregates.stream().filter(aggregate -> !aggregate.pendingEvents().isEmpty()).toList());
            throw failed;
        }
        List<A> skipped = new ArrayList<>(skippedPositions.size());
        List<A> inserted = new ArrayList<>(aggregates.size() - skippedPositions.size());
        for (int position = 0; position < aggregates.size(); position++) {
            A aggregate = aggregates.get(position);
            if (skippedPositions.contains(position)) {
                skipped.add(aggregate);
            } else {
                inserted.add(aggregate);
            }
        }
        List<A> withEvents = inserted.stream().filter(Aggregate::hasUnstoredEvents).toList();
        inserted.forEach(aggregate -> aggregate.stored(0));
        wakeRelay(withEvents);
        return skipped;
    }

    /**
     * Replaces the stored aggregate, with the events it raised, if neither its version nor its
     * pending events changed since it was read. The relay removes the events it published without
     * touching the version (the version is what clients see as the ETag); a plain versioned save
     * based on an earlier read would bring those events back, to be published a second time.
     *
     * @throws OptimisticLockingFailureException when the document changed since it was read; the
     *                                           caller reads it again
     */
    public A replace(A aggregate) {
        recordRaisedEvents(aggregate);
        long read = aggregate.version();
        long next = read + 1;
        int storedEvents = aggregate.storedPendingEventCount();
        Bson sameEvents = storedEvents == 0
                ? Filters.or(Filters.size(OutboxEvent.FIELD, 0), Filters.exists(OutboxEvent.FIELD, false))
                : Filters.size(OutboxEvent.FIELD, storedEvents);
        UpdateResult result = mongo.getCollection(collection).replaceOne(
                Filters.and(Filters.eq("_id", aggregate.id()), Filters.eq(Aggregate.VERSION, read), sameEvents),
                documentOf(aggregate, next));
        if (result.getMatchedCount() == 0) {
            throw new OptimisticLockingFailureException(
                    collection + " " + aggregate.id() + " changed since version " + read + " was read");
        }
        boolean withEvents = aggregate.hasUnstoredEvents();
        aggregate.stored(next);
        if (withEvents) {
            wakeRelay(List.of(aggregate));
        }
        return aggregate;
    }

    /**
     * Loads the aggregate, applies {@code move} and replaces it; when a concurrent change wrote
     * first, loads it again and decides again, so racing moves end in exactly one of them and the
     * others meet the state it left.
     *
     * @param partnerId the caller's partner, or {@code null} for the system itself
     * @param move      applies the move to the loaded aggregate; answers whether anything changed
     * @throws NotFoundException when there is no such aggregate, or it is another partner's
     */
    public Change<A> change(String partnerId, UUID id, Predicate<A> move) {
        for (int attempt = 1; ; attempt++) {
            A current = findOwned(partnerId, id).orElseThrow(() -> new NotFoundException(noun, id));
            if (!move.test(current)) {
                return new Change<>(current, false);
            }
            try {
                return new Change<>(replace(current), true);
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                log.debug("{} {} changed concurrently, deciding again", noun, id);
            }
        }
    }

    /** What {@link #change} left: the aggregate as stored, and whether the move changed it. */
    public record Change<A>(A aggregate, boolean changed) {
    }

    private Document documentOf(A aggregate, long version) {
        Document document = new Document();
        mongo.getConverter().write(aggregate, document);
        document.put(Aggregate.VERSION, version);
        return document;
    }

    private void wakeRelay(List<A> withEvents) {
        if (!withEvents.isEmpty()) {
            relay.ifAvailable(outbox -> outbox.saved(collection, withEvents.stream().map(Aggregate::id).toList()));
        }
    }
}
