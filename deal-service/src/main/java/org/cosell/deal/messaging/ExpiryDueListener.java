package org.cosell.deal.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.deal.deal.DealCommands;
import org.cosell.support.kafka.RejectedEventException;
import org.cosell.support.kafka.Violations;
import org.cosell.support.web.NotFoundException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies engagement response deadlines announced by expiry-scheduler; other deadlines belong to
 * referral-service. Whether the engagement expires is decided by the deal itself.
 */
@Component
public class ExpiryDueListener {

    private final DealCommands deals;

    public ExpiryDueListener(DealCommands deals) {
        this.deals = deals;
    }

    @KafkaListener(id = "deal-service-expiry", topics = Topics.EXPIRY_DUE, groupId = "deal-service")
    void onDue(CloudEvent<Object> event) {
        if (event.data() instanceof ExpiryDue due && due.kind() == ExpiryKind.ENGAGEMENT_RESPONSE) {
            Violations.require("targetId", due.targetId());
            try {
                deals.expireEngagement(due.targetId());
            } catch (NotFoundException unknown) {
                throw new RejectedEventException("data.targetId: no deal " + due.targetId());
            }
        }
    }
}
