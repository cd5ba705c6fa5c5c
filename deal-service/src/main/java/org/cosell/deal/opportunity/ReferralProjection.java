package org.cosell.deal.opportunity;

import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Projects referral-service's events into the opportunity view. Each event is applied to the
 * stored opportunity (or makes it, when it is the first this view sees) and saved only when it
 * changed something, so redelivered events are no-ops. A concurrent change fails the version check
 * or the insert, and the listener's retry applies the event again to the fresh state.
 */
@Service
public class ReferralProjection {

    private final MongoTemplate mongo;
    private final OpportunityStore store;

    public ReferralProjection(MongoTemplate mongo, OpportunityStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    public void received(ReferralReceived referral) {
        apply(referral.opportunityId(), existing -> existing.onReceived(referral), () -> Opportunity.received(referral));
    }

    public void accepted(ReferralAccepted referral) {
        apply(referral.opportunityId(), existing -> existing.onAccepted(referral), () -> Opportunity.accepted(referral));
    }

    public void declined(ReferralDeclined referral) {
        apply(referral.opportunityId(), existing -> existing.onDeclined(referral), () -> Opportunity.declined(referral));
    }

    public void expired(ReferralExpired referral) {
        apply(referral.opportunityId(), existing -> existing.onExpired(referral), () -> Opportunity.expired(referral));
    }

    private void apply(UUID id, Predicate<Opportunity> change, Supplier<Opportunity> create) {
        Opportunity existing = mongo.findById(id, Opportunity.class);
        if (existing == null) {
            store.insert(create.get());
        } else if (change.test(existing)) {
            store.update(existing);
        }
    }
}
