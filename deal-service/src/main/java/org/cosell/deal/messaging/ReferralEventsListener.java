package org.cosell.deal.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.customer.CustomerDirectory;
import org.cosell.deal.customer.CustomerDirectory.Sighting;
import org.cosell.deal.opportunity.PartlyProjected;
import org.cosell.deal.opportunity.ReferralProjection;
import org.cosell.support.kafka.BatchWriteFailures;
import org.cosell.support.kafka.CloudEventRecords;
import org.cosell.support.kafka.InvalidEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads referral-service's events into the opportunity view, and the customers they name into the
 * directory, a poll at a time: the events of a batch are projected together (see
 * {@link ReferralProjection#project(List)}) and their customers learnt in one write.
 * <p>
 * A record that cannot be read, an event that does not belong on the topic, or one that lacks what
 * the view needs (see {@link #referralEventOf}), fails the batch at
 * its index ({@link BatchListenerFailedException}) once the events before it are stored, so the
 * shared failure policy dead-letters it alone, with its reason, and the events after it come again
 * in the next poll. A database outage fails the batch at its first event not stored, which the
 * policy retries (waiting the outage out) rather than dead-letters; any other failure is narrowed
 * down to the event the database refuses, which alone is dead-lettered. The projection and the
 * directory are replay-safe, so what comes again changes nothing twice.
 */
@Component
public class ReferralEventsListener {

    private final ReferralProjection projection;
    private final CustomerDirectory directory;

    public ReferralEventsListener(ReferralProjection projection, CustomerDirectory directory) {
        this.projection = projection;
        this.directory = directory;
    }

    @KafkaListener(id = "deal-service-referral-events", topics = Topics.REFERRAL_EVENTS, groupId = "deal-service",
            batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        List<Object> events = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            Object event;
            try {
                event = referralEventOf(CloudEventRecords.eventOf(records.get(index)));
            } catch (InvalidEventException | DeserializationException invalid) {
                store(events);
                throw new BatchListenerFailedException(invalid.getMessage(), invalid, index);
            }
            events.add(event);
        }
        store(events);
    }

    /**
     * Stores what the events (those of the batch from its first record on) tell, or fails the batch at
     * the first not stored. A failure that is not an outage is narrowed down to its event: the events
     * from the first not projected on are projected again one at a time, so that only the one the
     * database refuses fails ({@link BatchWriteFailures}).
     */
    private void store(List<Object> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            projection.project(events);
        } catch (PartlyProjected partly) {
            int failed = partly.firstUnprojected();
            learn(events.subList(0, failed), 0);
            if (BatchWriteFailures.isOutage(partly.getCause())) {
                throw new BatchListenerFailedException(partly.getMessage(), partly.getCause(), failed);
            }
            for (int index = failed; index < events.size(); index++) {
                try {
                    projection.project(List.of(events.get(index)));
                } catch (PartlyProjected alone) {
                    throw BatchWriteFailures.at(index, runtime(alone.getCause()));
                }
                learn(events.subList(index, index + 1), index);
            }
            return;
        }
        learn(events, 0);
    }

    private static RuntimeException runtime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** Learns the customers of {@code events}, the first of which is at {@code offset} in the poll. */
    private void learn(List<Object> events, int offset) {
        try {
            directory.learnAll(sightingsOf(events));
        } catch (RuntimeException failure) {
            if (BatchWriteFailures.isOutage(failure)) {
                throw new BatchListenerFailedException("Learning the customers of " + events.size() + " events failed",
                        failure, offset);
            }
            for (int index = 0; index < events.size(); index++) {
                try {
                    directory.learnAll(sightingsOf(events.subList(index, index + 1)));
                } catch (RuntimeException alone) {
                    throw BatchWriteFailures.at(offset + index, alone);
                }
            }
        }
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

    /**
     * The event's data, when it names what the view needs: the opportunity, its partner (whose view it
     * is), the referral, and the time and terms of its move. Stored without them, it would be an
     * opportunity no partner owns, or a step the view cannot show.
     */
    private static Object referralEventOf(CloudEvent<?> event) {
        Object data = event.data();
        RequiredFields required = new RequiredFields();
        if (data instanceof ReferralReceived received) {
            required.names(received.opportunityId(), received.partnerId(), received.referralId())
                    .check("data.receivedAt", received.receivedAt())
                    .check("data.respondBy", received.respondBy());
        } else if (data instanceof ReferralAccepted accepted) {
            required.names(accepted.opportunityId(), accepted.partnerId(), accepted.referralId())
                    .check("data.acceptedAt", accepted.acceptedAt())
                    .check("data.deal", accepted.deal())
                    .check("data.customer", accepted.customer());
        } else if (data instanceof ReferralDeclined declined) {
            required.names(declined.opportunityId(), declined.partnerId(), declined.referralId())
                    .check("data.declinedAt", declined.declinedAt());
        } else if (data instanceof ReferralExpired expired) {
            required.names(expired.opportunityId(), expired.partnerId(), expired.referralId())
                    .check("data.expiredAt", expired.expiredAt());
        } else {
            throw new InvalidEventException("type: " + event.type() + " does not belong on " + Topics.REFERRAL_EVENTS);
        }
        required.throwIfMissing();
        return data;
    }

    /** Collects every required field an event lacks, so that the dead letter names them all. */
    private static final class RequiredFields {

        private final List<String> missing = new ArrayList<>();

        RequiredFields names(UUID opportunityId, String partnerId, String referralId) {
            return check("data.opportunityId", opportunityId).check("data.partnerId", partnerId)
                    .check("data.referralId", referralId);
        }

        RequiredFields check(String field, Object value) {
            if (value == null || value instanceof String text && text.isBlank()) {
                missing.add(field + ": is required");
            }
            return this;
        }

        void throwIfMissing() {
            if (!missing.isEmpty()) {
                throw new InvalidEventException(String.join("; ", missing));
            }
        }
    }
}
