package org.cosell.referral.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.config.ReferralProperties;
import org.cosell.referral.domain.Referral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Takes in referrals offered by upstream sender systems. A referral offered again by the same
 * sender system is already here: the unique index on (sender system, referral id) makes the second
 * insert a no-op, whatever its event id, so it is stored once and announced once.
 * <p>
 * Referrals are stored in batches: one unordered bulk insert for all the referrals of a poll, in
 * which a duplicate fails alone and its neighbours are stored — one round trip instead of one per
 * referral, the difference between a few hundred and several thousand referrals a second.
 */
@Service
public class ReferralIntake {

    private static final Logger log = LoggerFactory.getLogger(ReferralIntake.class);

    private final ReferralStore referrals;
    private final ReferralProperties properties;
    private final Clock clock;
    private final Counter received;

    public ReferralIntake(ReferralStore referrals, ReferralProperties properties, Clock clock,
                          MeterRegistry meterRegistry) {
        this.referrals = referrals;
        this.properties = properties;
        this.clock = clock;
        this.received = Counter.builder("cosell.referrals.received")
                .description("Referrals stored RECEIVED (duplicates not counted)")
                .register(meterRegistry);
    }

    /** Stores the offered referral unless this sender system offered it before; answers whether it was new. */
    public boolean receive(String senderSystem, ReferralOffered offer) {
        return store(List.of(admit(senderSystem, offer))) == 1;
    }

    /**
     * The referral an offer makes: RECEIVED, with its {@code received} event recorded (in the trace
     * current now), not stored yet.
     *
     * @throws org.cosell.support.outbox.EventTooLargeException when the event could never be published
     */
    public Referral admit(String senderSystem, ReferralOffered offer) {
        return referrals.recordRaisedEvents(Referral.receive(UUID.randomUUID(), senderSystem, offer, clock.instant(),
                properties.responseWindow()));
    }

    /**
     * Stores admitted referrals, with their events, in one unordered bulk insert. One a sender system
     * offered before (a duplicate key) is skipped alone. Answers how many were new.
     *
     * @throws DataAccessException when the database failed for another reason; nothing can be
     *                             assumed stored then, and storing all of them again is safe
     */
    public int store(List<Referral> admitted) {
        int offeredBefore = referrals.insertSkippingDuplicates(admitted).size();
        if (offeredBefore > 0) {
            log.debug("{} of {} referrals were offered before", offeredBefore, admitted.size());
        }
        int stored = admitted.size() - offeredBefore;
        received.increment(stored);
        return stored;
    }
}
