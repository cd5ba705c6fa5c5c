package org.cosell.referral.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.application.OfferValidation;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.referral.domain.Referral;
import org.cosell.support.kafka.BatchWriteFailures;
import org.cosell.support.kafka.CloudEventRecords;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.kafka.RecordTraces;
import org.cosell.support.outbox.EventTooLargeException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code cosell.referrals.inbound}: referrals offered by upstream seller systems, a poll at a
 * time. The valid offers of a batch are stored together; an invalid one fails the batch at its
 * index ({@link BatchListenerFailedException}) once the offers before it are stored, so the shared
 * failure policy dead-letters it alone, with its reason, and the offers after it come again in the
 * next poll. A database outage fails the batch at its first offer, which the policy retries (waiting
 * the outage out) rather than dead-letters; any other failure of the batch is narrowed down to the
 * offer the database refuses by storing them again one at a time, and only that one is
 * dead-lettered ({@link BatchWriteFailures}).
 */
@Component
public class InboundReferralListener {

    private final ReferralIntake intake;
    private final RecordTraces traces;

    public InboundReferralListener(ReferralIntake intake, RecordTraces traces) {
        this.intake = intake;
        this.traces = traces;
    }

    @KafkaListener(id = "inbound-referrals", topics = Topics.REFERRALS_INBOUND, groupId = "referral-service",
            batch = "true")
    void onOffered(List<ConsumerRecord<String, Object>> records) {
        List<Referral> admitted = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            Referral referral;
            try {
                CloudEvent<?> event = CloudEventRecords.eventOf(record);
                ReferralOffered offer = offerOf(event);
                String senderSystem = event.source();
                referral = traces.continueFrom(record, () -> intake.admit(senderSystem, offer));
            } catch (InvalidEventException | DeserializationException | EventTooLargeException invalid) {
                store(admitted);
                throw new BatchListenerFailedException(invalid.getMessage(), invalid, index);
            }
            admitted.add(referral);
        }
        store(admitted);
    }

    /**
     * Stores the referrals admitted from the records at indexes 0, 1, ... of the poll. When the batch
     * fails for a reason other than an outage, they are stored again one at a time (a referral stored
     * already counts as offered before), so that only the one the database refuses fails.
     */
    private void store(List<Referral> admitted) {
        try {
            intake.store(admitted);
        } catch (RuntimeException failure) {
            if (BatchWriteFailures.isOutage(failure)) {
                throw new BatchListenerFailedException("Storing " + admitted.size() + " referrals failed", failure, 0);
            }
            for (int index = 0; index < admitted.size(); index++) {
                try {
                    intake.store(List.of(admitted.get(index)));
                } catch (RuntimeException alone) {
                    throw BatchWriteFailures.at(index, alone);
                }
            }
        }
    }

    private static ReferralOffered offerOf(CloudEvent<?> event) {
        if (!(event.data() instanceof ReferralOffered offer)) {
            throw new InvalidEventException("type: " + Topics.REFERRALS_INBOUND + " takes only "
                    + EventType.REFERRAL_OFFERED.id() + ", not " + event.type());
        }
        List<String> violations = OfferValidation.violationsOf(offer);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(String.join("; ", violations));
        }
        return offer;
    }
}
