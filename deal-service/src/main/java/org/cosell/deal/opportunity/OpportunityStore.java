package org.cosell.deal.opportunity;

import org.cosell.support.outbox.OutboxAwareWrites;
import org.cosell.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

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
