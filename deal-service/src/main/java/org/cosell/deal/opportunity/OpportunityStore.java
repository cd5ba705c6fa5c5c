package org.cosell.deal.opportunity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.cosell.support.outbox.OutboxEvent;
import org.cosell.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes opportunities together with their pending events. An update replaces the stored document
 * only if neither its version nor its pending events changed since it was read. The outbox relay
 * removes the events it has published without touching the version; a replace based on an earlier
 * read would bring them back, to be published a second time. Either change fails the update as a
 * concurrent change ({@link OptimisticLockingFailureException}), and the caller reads again.
 */
@Component
public class OpportunityStore {

    private static final String COLLECTION = "opportunities";

    private final MongoTemplate mongo;
    private final ObjectProvider<OutboxRelay> relay;

    public OpportunityStore(MongoTemplate mongo, ObjectProvider<OutboxRelay> relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    public Opportunity insert(Opportunity opportunity) {
        Opportunity inserted = mongo.insert(opportunity);
        inserted.stored(inserted.version());
        return inserted;
    }

    public Opportunity update(Opportunity opportunity) {
        long next = opportunity.version() + 1;
        Document replacement = new Document();
        mongo.getConverter().write(opportunity, replacement);
        replacement.put("version", next);
        int storedEvents = opportunity.storedPendingEventCount();
        Bson unchangedEvents = storedEvents == 0
                ? Filters.or(Filters.size(OutboxEvent.FIELD, 0), Filters.exists(OutboxEvent.FIELD, false))
                : Filters.size(OutboxEvent.FIELD, storedEvents);
        UpdateResult result = mongo.getCollection(COLLECTION).replaceOne(Filters.and(
                Filters.eq("_id", opportunity.id()), Filters.eq("version", opportunity.version()), unchangedEvents),
                replacement);
        if (result.getMatchedCount() == 0) {
            throw new OptimisticLockingFailureException("Opportunity " + opportunity.id()
                    + " changed since version " + opportunity.version() + " was read");
        }
        opportunity.stored(next);
        if (opportunity.pendingEvents().size() > storedEvents) {
            relay.ifAvailable(OutboxRelay::wakeUp);
        }
        return opportunity;
    }
}
