package org.cosell.deal.opportunity.application;

import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.support.outbox.AggregateStore;
import org.cosell.support.outbox.EventRecorder;
import org.cosell.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Opportunities with their pending events, for the referral projection and the deal's own moves alike. */
@Component
public class OpportunityStore extends AggregateStore<Opportunity> {

    public OpportunityStore(MongoTemplate mongo, EventRecorder events, ObjectProvider<OutboxRelay> relay) {
        super(Opportunity.class, "deal", mongo, events, relay);
    }
}
