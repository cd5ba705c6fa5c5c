package org.cosell.notification.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the events that cause mail. Handling one only records mail and the summary it needs, both
 * in MongoDB; sending happens elsewhere, so the mail server's health never holds up this consumer.
 */
@Component
public class CosellEventsListener {

    private final MailPlanner planner;

    public CosellEventsListener(MailPlanner planner) {
        this.planner = planner;
    }

    @KafkaListener(id = "notification-service-events", groupId = "notification-service",
            topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS, Topics.EXPIRY_DUE})
    void on(CloudEvent<Object> event) {
        planner.on(event);
    }
}
