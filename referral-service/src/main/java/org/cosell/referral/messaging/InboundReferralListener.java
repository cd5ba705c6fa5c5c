package org.cosell.referral.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.application.OfferValidation;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.referral.domain.Referral;
import org.cosell.support.kafka.CloudEventRecords;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.kafka.RecordTraces;
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
 * next poll. A database failure fails the batch at its first unstored offer, which the policy
 * retries (waiting out an outage) rather than dead-letters.
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
        int firstAdmitted = 0;
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            CloudEvent<?> event;
            ReferralOffered offer;
            try {
                event = CloudEventRecords.eventOf(record);
                offer = offerOf(event);
            } catch (InvalidEventException | DeserializationException invalid) {
                store(admitted, firstAdmitted);
                throw new BatchListenerFailedException(invalid.getMessage(), invalid, index);
            }
            if (admitted.isEmpty()) {
                firstAdmitted = index;
            }
            String senderSystem = event.source();
            admitted.add(traces.continueFrom(record, () -> intake.admit(senderSystem, offer)));
        }
        store(admitted, firstAdmitted);
    }

    private void store(List<Referral> admitted, int firstIndex) {
        try {
            intake.store(admitted);
        } catch (RuntimeException failure) {
            throw new BatchListenerFailedException("Storing " + admitted.size() + " referrals failed", failure, firstIndex);
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
