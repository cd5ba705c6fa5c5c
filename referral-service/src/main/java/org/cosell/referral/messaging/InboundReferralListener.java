package org.cosell.referral.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.application.OfferValidation;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.referral.domain.Referral;
import org.cosell.support.kafka.BatchHandler;
import org.cosell.support.kafka.BatchPipeline;
import org.cosell.support.kafka.CloudEventRecords;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads {@code cosell.referrals.inbound}: referrals offered by upstream seller systems, a poll at a
 * time through the {@link BatchPipeline}. Each valid offer is admitted in the trace of its record, so
 * its {@code received} event keeps that trace; the admitted referrals of a run are stored together.
 * Storing a referral again counts it as offered before, so a run stored again changes nothing twice.
 */
@Component
public class InboundReferralListener implements BatchHandler<Referral> {

    private final ReferralIntake intake;
    private final BatchPipeline pipeline;

    public InboundReferralListener(ReferralIntake intake, BatchPipeline pipeline) {
        this.intake = intake;
        this.pipeline = pipeline;
    }

    @KafkaListener(id = "inbound-referrals", topics = Topics.REFERRALS_INBOUND, groupId = "referral-service",
            batch = "true")
    void onOffered(List<ConsumerRecord<String, Object>> records) {
        pipeline.process(records, this);
    }

    @Override
    public Referral check(CloudEvent<?> event) {
        ReferralOffered offer = CloudEventRecords.dataOf(event, EventType.REFERRAL_OFFERED, ReferralOffered.class);
        OfferValidation.violationsOf(offer).throwIfAny();
        return intake.admit(event.source(), offer);
    }

    @Override
    public void handleRun(List<Referral> admitted) {
        intake.store(admitted);
    }
}
