package org.cosell.referral.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.referral.application.ReferralDecisions;
import org.cosell.support.kafka.ExpiryDueEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Applies referral response deadlines announced by expiry-scheduler ({@link ExpiryDueEvents}). */
@Component
public class ExpiryDueListener {

    private final ReferralDecisions decisions;

    public ExpiryDueListener(ReferralDecisions decisions) {
        this.decisions = decisions;
    }

    @KafkaListener(id = "referral-service-expiry", topics = Topics.EXPIRY_DUE, groupId = "referral-service")
    void onDue(CloudEvent<Object> event) {
        ExpiryDueEvents.expire(event, ExpiryKind.REFERRAL_RESPONSE, "referral", decisions::expire);
    }
}
