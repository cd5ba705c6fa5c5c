package org.cosell.deal.opportunity.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Limits;
import org.cosell.contracts.Topics;
import org.cosell.contracts.engagement.EngagementResponse;
import org.cosell.deal.opportunity.application.OpportunityCommands;
import org.cosell.deal.opportunity.domain.DealMoveRefused;
import org.cosell.support.domain.NotFoundException;
import org.cosell.support.kafka.CloudEventRecords;
import org.cosell.support.kafka.RejectedEventException;
import org.cosell.support.kafka.Violations;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads Microsoft sellers' answers to co-sell requests. An answer for a deal this service does not
 * hold, or for one whose request is no longer waiting, is refused to the dead-letter topic with the
 * reason; the same answer delivered again changes nothing.
 */
@Component
public class EngagementResponsesListener {

    private final OpportunityCommands commands;

    public EngagementResponsesListener(OpportunityCommands commands) {
        this.commands = commands;
    }

    @KafkaListener(id = "deal-service-engagement-responses", topics = Topics.ENGAGEMENTS_RESPONSES,
            groupId = "deal-service")
    void on(CloudEvent<Object> event) {
        EngagementResponse response = CloudEventRecords.dataOf(event, EventType.ENGAGEMENT_RESPONSE,
                EngagementResponse.class);
        violationsOf(response).throwIfAny();
        try {
            commands.answerEngagement(response, event.id(), event.time());
        } catch (NotFoundException unknown) {
            throw new RejectedEventException("data.dealId: no deal " + response.dealId());
        } catch (DealMoveRefused refused) {
            throw new RejectedEventException("data.decision: " + refused.getMessage());
        }
    }

    private static Violations violationsOf(EngagementResponse response) {
        Violations violations = new Violations().required("dealId", response.dealId());
        if (response.decision() == null) {
            violations.add("decision", "is required (ENGAGED or DECLINED)");
        }
        if (violations.present("seller", response.seller())) {
            violations.text("seller.name", response.seller().name(), Limits.NAME);
            if (!Violations.isEmailAddress(response.seller().email())) {
                violations.add("seller.email", "must be an e-mail address");
            }
        }
        return violations.optionalText("notes", response.notes(), Limits.NOTES);
    }
}
