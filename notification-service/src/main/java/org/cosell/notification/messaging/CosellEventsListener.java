package org.cosell.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.support.kafka.BatchHandler;
import org.cosell.support.kafka.BatchPipeline;
import org.cosell.support.tracing.TraceContinuation;
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
public class CosellEventsListener implements BatchHandler<TracedEvent> {

    private final MailPlanner planner;
    private final BatchPipeline pipeline;
    private final TraceContinuation tracing;

    public CosellEventsListener(MailPlanner planner, BatchPipeline pipeline, TraceContinuation tracing) {
        this.planner = planner;
        this.pipeline = pipeline;
        this.tracing = tracing;
    }

    @KafkaListener(id = "notification-service-events", groupId = "notification-service",
            topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS, Topics.EXPIRY_DUE}, batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        pipeline.process(records, this);
    }

    /**
     * The event with the trace it is read in; a {@code received} one checked as handling it checks
     * it, every other when handled.
     */
    @Override
    public TracedEvent check(CloudEvent<?> event) {
        MailPlanner.receivedOpportunity(event);
        return new TracedEvent(event, tracing.currentTraceparent());
    }

    @Override
    public boolean alone(TracedEvent traced) {
        return MailPlanner.receivedOpportunity(traced.event()) == null;
    }

    @Override
    public Object runKey(TracedEvent traced) {
        return MailPlanner.receivedOpportunity(traced.event());
    }

    @Override
    public void handleRun(List<TracedEvent> received) {
        planner.referralsReceived(received);
    }

    @Override
    public void handleAlone(TracedEvent traced) {
        planner.on(traced);
    }
}
