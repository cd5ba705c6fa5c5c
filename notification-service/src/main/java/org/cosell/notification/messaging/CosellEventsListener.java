package org.cosell.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.support.kafka.BatchHandler;
import org.cosell.support.kafka.BatchPipeline;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads the events that cause mail, a poll at a time through the {@link BatchPipeline}. Handling
 * one only records mail and the summary it needs, both in MongoDB; sending happens elsewhere, so
 * the mail server's health never holds up this consumer.
 * <p>
 * A run of {@code received} events — the volume — is handled together
 * ({@link MailPlanner#referralsReceived}), in a few round trips whatever its length; it ends before
 * an event of another type, which is handled alone, and before a second event of an opportunity
 * already in it.
 */
@Component
public class CosellEventsListener implements BatchHandler<CloudEvent<?>> {

    private final MailPlanner planner;
    private final BatchPipeline pipeline;

    public CosellEventsListener(MailPlanner planner, BatchPipeline pipeline) {
        this.planner = planner;
        this.pipeline = pipeline;
    }

    @KafkaListener(id = "notification-service-events", groupId = "notification-service",
            topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS, Topics.EXPIRY_DUE}, batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        pipeline.process(records, this);
    }

    /** The event; a {@code received} one checked as handling it checks it, every other when handled. */
    @Override
    public CloudEvent<?> check(CloudEvent<?> event) {
        MailPlanner.receivedOpportunity(event);
        return event;
    }

    @Override
    public boolean alone(CloudEvent<?> event) {
        return MailPlanner.receivedOpportunity(event) == null;
    }

    @Override
    public Object runKey(CloudEvent<?> event) {
        return MailPlanner.receivedOpportunity(event);
    }

    @Override
    public void handleRun(List<CloudEvent<?>> received) {
        planner.referralsReceived(received);
    }

    @Override
    public void handleAlone(CloudEvent<?> event) {
        planner.on(event);
    }
}
