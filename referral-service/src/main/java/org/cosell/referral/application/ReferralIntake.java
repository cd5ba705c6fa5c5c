package org.cosell.referral.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cosell.contracts.EventType;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.config.ReferralProperties;
import org.cosell.referral.domain.Referral;
import org.cosell.support.outbox.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.UUID;

/**
 * Takes in referrals offered by upstream sender systems. A referral offered again by the same
 * sender system is already here: the unique index on (sender system, referral id) makes the second
 * insert a no-op, whatever its event id, so it is stored once and announced once.
 */
@Service
public class ReferralIntake {

    private static final Logger log = LoggerFactory.getLogger(ReferralIntake.class);

    private final ReferralRepository referrals;
    private final EventRecorder events;
    private final ReferralProperties properties;
    private final Clock clock;
    private final Counter received;

    public ReferralIntake(ReferralRepository referrals, EventRecorder events, ReferralProperties properties,
                          Clock clock, MeterRegistry meterRegistry) {
        this.referrals = referrals;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.received = Counter.builder("cosell.referrals.received")
                .description("Referrals stored RECEIVED (duplicates not counted)")
                .register(meterRegistry);
    }

    /** Stores the offered referral unless this sender system offered it before; answers whether it was new. */
    public boolean receive(String senderSystem, ReferralOffered offer) {
        Referral referral = Referral.receive(UUID.randomUUID(), senderSystem, offer, clock.instant(),
                properties.responseWindow());
        referral.recordEvent(events.record(EventType.REFERRAL_RECEIVED, referral.id().toString(), referral.received()));
        try {
            referrals.insert(referral);
        } catch (DuplicateKeyException duplicate) {
            log.debug("Referral {} from {} was offered before", offer.referralId(), senderSystem);
            return false;
        }
        received.increment();
        return true;
    }
}
