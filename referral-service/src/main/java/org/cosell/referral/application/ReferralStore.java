package org.cosell.referral.application;

import org.cosell.referral.domain.Referral;
import org.cosell.support.outbox.AggregateStore;
import org.cosell.support.outbox.EventRecorder;
import org.cosell.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Referrals with their pending events; a sender system's referral offered again is skipped by its unique index. */
@Component
public class ReferralStore extends AggregateStore<Referral> {

    public ReferralStore(MongoTemplate mongo, EventRecorder events, ObjectProvider<OutboxRelay> relay) {
        super(Referral.class, "referral", mongo, events, relay);
    }
}
