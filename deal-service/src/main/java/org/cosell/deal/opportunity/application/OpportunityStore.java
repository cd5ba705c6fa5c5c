package org.cosell.deal.opportunity.application;

import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.support.outbox.AggregateStore;
import org.cosell.support.outbox.EventRecorder;
import org.cosell.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Opportunities with their pending events, for the referral projection and the deal's own moves alike. */
@Component
public class OpportunityStore extends AggregateStore<Opportunity> {

    private final MongoTemplate mongo;

    public OpportunityStore(MongoTemplate mongo, EventRecorder events, ObjectProvider<OutboxRelay> relay) {
        super(Opportunity.class, "deal", mongo, events, relay);
        this.mongo = mongo;
    }

    /** The partner's first opportunity with this {@code crmId}, the key of an imported deal. */
    public Optional<Opportunity> findByCrmId(String partnerId, String crmId) {
        Query query = Query.query(Criteria.where("partnerId").is(partnerId).and("crmId").is(crmId))
                .with(Sort.by("createdAt", "_id")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, Opportunity.class));
    }
}
