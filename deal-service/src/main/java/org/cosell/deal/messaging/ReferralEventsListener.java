package org.cosell.deal.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.customer.CustomerDirectory;
import org.cosell.deal.opportunity.ReferralProjection;
import org.cosell.support.kafka.InvalidEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads referral-service's events into the opportunity view, and the customers they name into the directory. */
@Component
public class ReferralEventsListener {

    private final ReferralProjection projection;
    private final CustomerDirectory directory;

    public ReferralEventsListener(ReferralProjection projection, CustomerDirectory directory) {
        this.projection = projection;
        this.directory = directory;
    }

    @KafkaListener(id = "deal-service-referral-events", topics = Topics.REFERRAL_EVENTS, groupId = "deal-service")
    void on(CloudEvent<Object> event) {
        Object data = event.data();
        if (data instanceof ReferralReceived received) {
            projection.project(List.of(received));
            directory.learn(received.partnerId(), received.customer());
        } else if (data instanceof ReferralAccepted accepted) {
            projection.project(List.of(accepted));
            directory.learn(accepted.partnerId(), accepted.customer());
        } else if (data instanceof ReferralDeclined || data instanceof ReferralExpired) {
            projection.project(List.of(data));
        } else {
            throw new InvalidEventException("type: " + event.type() + " does not belong on " + Topics.REFERRAL_EVENTS);
        }
    }
}
