package org.cosell.referral.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.application.OfferValidation;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.support.kafka.InvalidEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads {@code cosell.referrals.inbound}: referrals offered by upstream seller systems. */
@Component
public class InboundReferralListener {

    private final ReferralIntake intake;

    public InboundReferralListener(ReferralIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(id = "inbound-referrals", topics = Topics.REFERRALS_INBOUND, groupId = "referral-service")
    void onOffered(CloudEvent<Object> event) {
        if (!(event.data() instanceof ReferralOffered offer)) {
            throw new InvalidEventException("type: " + Topics.REFERRALS_INBOUND + " takes only "
                    + EventType.REFERRAL_OFFERED.id() + ", not " + event.type());
        }
        List<String> violations = OfferValidation.violationsOf(offer);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(String.join("; ", violations));
        }
        intake.receive(event.source(), offer);
    }
}
