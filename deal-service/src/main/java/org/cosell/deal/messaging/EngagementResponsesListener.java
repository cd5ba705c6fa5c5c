package org.cosell.deal.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Limits;
import org.cosell.contracts.Topics;
import org.cosell.contracts.engagement.EngagementResponse;
import org.cosell.deal.deal.DealCommands;
import org.cosell.deal.opportunity.DealMoveRefused;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.kafka.RejectedEventException;
import org.cosell.support.domain.NotFoundException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Microsoft sellers' answers to co-sell requests. An answer for a deal this service does not
 * hold, or for one whose request is no longer waiting, is refused to the dead-letter topic with the
 * reason; the same answer delivered again changes nothing.
 */
@Component
public class EngagementResponsesListener {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final DealCommands deals;

    public EngagementResponsesListener(DealCommands deals) {
        this.deals = deals;
    }

    @KafkaListener(id = "deal-service-engagement-responses", topics = Topics.ENGAGEMENTS_RESPONSES,
            groupId = "deal-service")
    void on(CloudEvent<Object> event) {
        if (!(event.data() instanceof EngagementResponse response)) {
            throw new InvalidEventException("type: " + Topics.ENGAGEMENTS_RESPONSES + " takes only "
                    + EventType.ENGAGEMENT_RESPONSE.id() + ", not " + event.type());
        }
        List<String> violations = violationsOf(response);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(String.join("; ", violations));
        }
        try {
            deals.answerEngagement(response, event.id());
        } catch (NotFoundException unknown) {
            throw new RejectedEventException("data.dealId: no deal " + response.dealId());
        } catch (DealMoveRefused refused) {
            throw new RejectedEventException("data.decision: " + refused.getMessage());
        }
    }

    private static List<String> violationsOf(EngagementResponse response) {
        List<String> violations = new ArrayList<>();
        if (response.dealId() == null) {
            violations.add("data.dealId: is required");
        }
        if (response.decision() == null) {
            violations.add("data.decision: is required (ENGAGED or DECLINED)");
        }
        if (response.seller() == null) {
            violations.add("data.seller: is required");
        } else {
            String name = response.seller().name();
            if (name == null || name.isBlank()) {
                violations.add("data.seller.name: is required");
            } else if (name.length() > Limits.NAME) {
                violations.add("data.seller.name: must be at most " + Limits.NAME + " characters");
            }
            String email = response.seller().email();
            if (email == null || email.length() > Limits.EMAIL || !EMAIL.matcher(email).matches()) {
                violations.add("data.seller.email: must be an e-mail address");
            }
        }
        if (response.notes() != null && response.notes().length() > Limits.NOTES) {
            violations.add("data.notes: must be at most " + Limits.NOTES + " characters");
        }
        return violations;
    }
}
