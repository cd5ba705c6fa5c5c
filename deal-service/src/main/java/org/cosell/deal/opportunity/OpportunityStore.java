package org.cosell.deal.opportunity;

import org.bson.Document;
import org.cosell.support.UnorderedInserts;
import org.cosell.support.outbox.OutboxAwareWrites;
import org.cosell.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes opportunities together with their pending events; an update fails as a concurrent change
 * ({@link org.springframework.dao.OptimisticLockingFailureException}) when the version or the
 * pending events changed since the read (see {@link OutboxAwareWrites}), and the caller reads again.
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

    /**
     * Inserts new opportunities in one unordered bulk insert, in which one whose id is taken fails
     * alone and its neighbours are stored. Answers the ids that were taken: someone else inserted
     * those meanwhile, and the caller applies its change to what is stored instead.
     *
     * @throws DataAccessException when the database failed for another reason; nothing can be
     *                             assumed stored then, and inserting all of them again is safe
     */
    public Set<UUID> insertAll(List<Opportunity> opportunities) {
        if (opportunities.isEmpty()) {
            return Set.of();
        }
        List<Document> documents = new ArrayList<>(opportunities.size());
        for (Opportunity opportunity : opportunities) {
            Document document = new Document();
            mongo.getConverter().write(opportunity, document);
            document.put("version", 0L);
            documents.add(document);
        }
        Set<UUID> taken = new HashSet<>();
        for (int position : UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION, documents)) {
            taken.add(opportunities.get(position).id());
        }
        List<UUID> withEvents = new ArrayList<>();
        for (Opportunity opportunity : opportunities) {
            if (!taken.contains(opportunity.id())) {
                opportunity.stored(0);
                if (!opportunity.pendingEvents().isEmpty()) {
                    withEvents.add(opportunity.id());
                }
            }
        }
        if (!withEvents.isEmpty()) {
            relay.ifAvailable(outbox -> outbox.wakeUp(COLLECTION, withEvents));
        }
        return taken;
    }

    public Opportunity update(Opportunity opportunity) {
        int storedEvents = opportunity.storedPendingEventCount();
        long next = OutboxAwareWrites.replace(mongo, COLLECTION, opportunity.id(), opportunity, opportunity.version(),
                storedEvents);
        opportunity.stored(next);
        if (opportunity.pendingEvents().size() > storedEvents) {
            relay.ifAvailable(outbox -> outbox.wakeUp(COLLECTION, List.of(opportunity.id())));
        }
        return opportunity;
    }
}
