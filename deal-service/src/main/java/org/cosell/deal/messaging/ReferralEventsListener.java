package org.cosell.deal.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.opportunity.ReferralProjection;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads referral-service's events into the opportunity view. */
@Component
public class ReferralEventsListener {

    private final ReferralProjection projection;

    public ReferralEventsListener(ReferralProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(id = "deal-service-referral-events", topics = Topics.REFERRAL_EVENTS, groupId = "deal-service")
    void on(CloudEvent<Object> event) {
        if (event.data() instanceof ReferralReceived received) {
            projection.received(received);
        }
    }
}
