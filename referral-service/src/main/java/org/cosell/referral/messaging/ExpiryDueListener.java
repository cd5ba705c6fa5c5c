package org.cosell.referral.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.referral.application.ReferralDecisions;
import org.cosell.support.kafka.RejectedEventException;
import org.cosell.support.kafka.Violations;
import org.cosell.support.web.NotFoundException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies referral response deadlines announced by expiry-scheduler. The scheduler only says the
 * deadline is due; whether the referral expires is decided here, by the referral itself.
 */
@Component
public class ExpiryDueListener {

    private final ReferralDecisions decisions;

    public ExpiryDueListener(ReferralDecisions decisions) {
        this.decisions = decisions;
    }

    @KafkaListener(id = "referral-service-expiry", topics = Topics.EXPIRY_DUE, groupId = "referral-service")
    void onDue(CloudEvent<Object> event) {
        if (event.data() instanceof ExpiryDue due && due.kind() == ExpiryKind.REFERRAL_RESPONSE) {
            Violations.require("targetId", due.targetId());
            try {
                decisions.expire(due.targetId());
            } catch (NotFoundException unknown) {
                throw new RejectedEventException("data.targetId: no referral " + due.targetId());
            }
        }
    }
}
