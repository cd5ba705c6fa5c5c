package org.cosell.deal.opportunity.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.deal.opportunity.application.OpportunityCommands;
import org.cosell.support.kafka.ExpiryDueEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Applies engagement response deadlines announced by expiry-scheduler ({@link ExpiryDueEvents});
 * other deadlines belong to referral-service. A deal may ask Microsoft more than once, and the
 * deadline's {@code dueAt} tells which request's window it ends.
 */
@Component
public class ExpiryDueListener {

    private final OpportunityCommands commands;

    public ExpiryDueListener(OpportunityCommands commands) {
        this.commands = commands;
    }

    @KafkaListener(id = "deal-service-expiry", topics = Topics.EXPIRY_DUE, groupId = "deal-service")
    void onDue(CloudEvent<Object> event) {
        Instant dueAt = event.data() instanceof ExpiryDue due ? due.dueAt() : null;
        ExpiryDueEvents.expire(event, ExpiryKind.ENGAGEMENT_RESPONSE, "deal", id -> commands.expireEngagement(id, dueAt));
    }
}
