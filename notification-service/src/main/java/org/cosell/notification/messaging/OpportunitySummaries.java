package org.cosell.notification.messaging;

import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.referral.ReferralReceived;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps {@link OpportunitySummary} up to date from referral and deal events with upserts, so a
 * replay changes nothing and events may arrive in any order across topics: {@code received} only
 * fills what nobody set yet, and a referral's answer always wins over its arrival.
 */
@Repository
public class OpportunitySummaries {

    private final MongoTemplate mongo;

    public OpportunitySummaries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<OpportunitySummary> find(UUID id) {
        return Optional.ofNullable(mongo.findById(id, OpportunitySummary.class));
    }

    /**
     * Upserts the summaries of received referrals in one unordered write. Each must be of another
     * opportunity: the order of two writes to the same summary would not be kept.
     */
    public void received(List<ReferralReceived> referrals) {
        if (referrals.isEmpty()) {
            return;
        }
        BulkOperations upserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, OpportunitySummary.class);
        for (ReferralReceived referral : referrals) {
            upserts.upsert(byId(referral.opportunityId()), receivedUpdate(referral));
        }
        upserts.execute();
    }

    private static Update receivedUpdate(ReferralReceived referral) {
        Update update = new Update()
                .set("partnerId", referral.partnerId())
                .set("referralId", referral.referralId())
                .set("sender", referral.sender())
                .set("respondBy", referral.respondBy())
                .setOnInsert("referralStage", ReferralStage.RECEIVED);
        if (referral.customer() != null) {
            update.setOnInsert("customerName", referral.customer().name());
        }
        if (referral.deal() != null) {
            update.setOnInsert("dealName", referral.deal().name())
                    .setOnInsert("estimatedValue", referral.deal().estimatedValue());
        }
        return update;
    }

    public void answered(UUID id, String partnerId, String referralId, Sender sender, ReferralStage stage) {
        upsert(id, new Update()
                .set("partnerId", partnerId)
                .set("referralId", referralId)
                .set("sender", sender)
                .set("referralStage", stage));
    }

    public void expired(UUID id, String partnerId, String referralId, Sender sender, Instant respondBy) {
        upsert(id, new Update()
                .set("partnerId", partnerId)
                .set("referralId", referralId)
                .set("sender", sender)
                .set("respondBy", respondBy)
                .set("referralStage", ReferralStage.EXPIRED));
    }

    /** The deal's current terms, from a deal event or an accepted referral. */
    public void deal(UUID id, String partnerId, Customer customer, DealDetails deal) {
        Update update = new Update().set("partnerId", partnerId);
        if (customer != null && customer.name() != null) {
            update.set("customerName", customer.name());
        }
        if (deal != null) {
            setIfPresent(update, "dealName", deal.name());
            setIfPresent(update, "estimatedValue", deal.estimatedValue());
        }
        upsert(id, update);
    }

    private static void setIfPresent(Update update, String field, Object value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    private void upsert(UUID id, Update update) {
        mongo.upsert(byId(id), update, OpportunitySummary.class);
    }

    private static Query byId(UUID id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
