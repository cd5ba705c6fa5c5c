package org.cosell.deal.opportunity.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.customer.CustomerDirectory.Sighting;
import org.cosell.deal.customer.CustomerDirectory;
import org.cosell.deal.opportunity.application.ReferralProjection;
import org.cosell.support.kafka.BatchHandler;
import org.cosell.support.kafka.BatchPipeline;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.kafka.Violations;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads referral-service's events into the opportunity view, and the customers they name into the
 * directory, a poll at a time through the {@link BatchPipeline}: the events of a run are projected
 * together (see {@link ReferralProjection#project(List)}) and their customers learnt in one write.
 * An event that lacks what the view needs (see {@link #check}) is dead-lettered naming every field
 * it lacks. The projection and the directory are replay-safe, so what comes again changes nothing
 * twice.
 */
@Component
public class ReferralEventsListener implements BatchHandler<Object> {

    private final ReferralProjection projection;
    private final CustomerDirectory directory;
    private final BatchPipeline pipeline;

    public ReferralEventsListener(ReferralProjection projection, CustomerDirectory directory, BatchPipeline pipeline) {
        this.projection = projection;
        this.directory = directory;
        this.pipeline = pipeline;
    }

    @KafkaListener(id = "deal-service-referral-events", topics = Topics.REFERRAL_EVENTS, groupId = "deal-service",
            batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        pipeline.process(records, this);
    }

    /**
     * The event's data, when it names what the view needs: the opportunity, its partner (whose view it
     * is), the referral, and the time and terms of its move. Stored without them, it would be an
     * opportunity no partner owns, or a step the view cannot show.
     */
    @Override
    public Object check(CloudEvent<?> event) {
        Object data = event.data();
        Violations violations = new Violations();
        if (data instanceof ReferralReceived received) {
            names(violations, received.opportunityId(), received.partnerId(), received.referralId())
                    .required("receivedAt", received.receivedAt())
                    .required("respondBy", received.respondBy());
        } else if (data instanceof ReferralAccepted accepted) {
            names(violations, accepted.opportunityId(), accepted.partnerId(), accepted.referralId())
                    .required("acceptedAt", accepted.acceptedAt())
                    .required("deal", accepted.deal())
                    .required("customer", accepted.customer());
        } else if (data instanceof ReferralDeclined declined) {
            names(violations, declined.opportunityId(), declined.partnerId(), declined.referralId())
                    .required("declinedAt", declined.declinedAt());
        } else if (data instanceof ReferralExpired expired) {
            names(violations, expired.opportunityId(), expired.partnerId(), expired.referralId())
                    .required("expiredAt", expired.expiredAt());
        } else {
            throw new InvalidEventException("type: " + event.type() + " does not belong on " + Topics.REFERRAL_EVENTS);
        }
        violations.throwIfAny();
        return data;
    }

    private static Violations names(Violations violations, UUID opportunityId, String partnerId, String referralId) {
        return violations.required("opportunityId", opportunityId).required("partnerId", partnerId)
                .required("referralId", referralId);
    }

    @Override
    public void handleRun(List<Object> events) {
        projection.project(events);
        directory.learnAll(sightingsOf(events));
    }

    private static List<Sighting> sightingsOf(List<Object> events) {
        List<Sighting> sightings = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof ReferralReceived received) {
                sightings.add(new Sighting(received.partnerId(), received.customer()));
            } else if (event instanceof ReferralAccepted accepted) {
                sightings.add(new Sighting(accepted.partnerId(), accepted.customer()));
            }
        }
        return sightings;
    }
}
