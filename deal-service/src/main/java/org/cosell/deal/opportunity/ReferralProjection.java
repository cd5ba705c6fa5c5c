package org.cosell.deal.opportunity;

import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.referral.ReferralReceived;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Projects referral-service's events into the opportunity view. Every write is an upsert that only
 * sets what is absent, so a replayed event changes nothing.
 */
@Service
public class ReferralProjection {

    private final MongoTemplate mongo;

    public ReferralProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void received(ReferralReceived referral) {
        var suggested = referral.deal();
        Update update = new Update()
                .setOnInsert("version", 0L)
                .setOnInsert("partnerId", referral.partnerId())
                .setOnInsert("createdAt", referral.receivedAt())
                .setOnInsert("updatedAt", referral.receivedAt())
                .setOnInsert("referralId", referral.referralId())
                .setOnInsert("sender", referral.sender())
                .setOnInsert("respondBy", referral.respondBy())
                .setOnInsert("origin", Origin.INBOUND)
                .setOnInsert("type", OpportunityType.CO_SELL)
                .setOnInsert("stage", Stage.RECEIVED)
                .setOnInsert("customer", referral.customer())
                .setOnInsert("microsoftEngagement", Opportunity.MicrosoftEngagement.none());
        if (suggested != null) {
            update.setOnInsert("name", suggested.name())
                    .setOnInsert("estimatedValue", suggested.estimatedValue())
                    .setOnInsert("estimatedCloseDate", suggested.estimatedCloseDate())
                    .setOnInsert("notes", suggested.notes())
                    .setOnInsert("solutions", suggested.solutions());
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(referral.opportunityId())), update, Opportunity.class);
    }
}
