package org.cosell.referral.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.cosell.contracts.EventType;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.referral.domain.Referral;
import org.cosell.support.outbox.EventRecorder;
import org.cosell.support.outbox.OutboxAwareWrites;
import org.cosell.support.outbox.OutboxRelay;
import org.cosell.support.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The partner's answer to a referral, and the deadline's. Each move loads the referral, applies one
 * guarded method and saves state and events together; when a concurrent move saved first (the
 * version or pending-event check of {@link OutboxAwareWrites} fails) it reloads and decides again, so racing moves end in exactly one of
 * them — the others see the new stage and are refused (or, for the deadline, do nothing).
 */
@Service
public class ReferralDecisions {

    private static final Logger log = LoggerFactory.getLogger(ReferralDecisions.class);
    private static final int ATTEMPTS = 5;
    private static final String COLLECTION = "referrals";

    private final ReferralRepository referrals;
    private final MongoTemplate mongo;
    private final ObjectProvider<OutboxRelay> relay;
    private final EventRecorder events;
    private final Clock clock;
    private final Counter accepted;
    private final Counter declined;
    private final Counter expired;
    private final Timer responseTime;

    public ReferralDecisions(ReferralRepository referrals, MongoTemplate mongo, ObjectProvider<OutboxRelay> relay,
                             EventRecorder events, Clock clock, MeterRegistry meters) {
        this.referrals = referrals;
        this.mongo = mongo;
        this.relay = relay;
        this.events = events;
        this.clock = clock;
        this.accepted = Counter.builder("cosell.referrals.accepted").description("Referrals accepted").register(meters);
        this.declined = Counter.builder("cosell.referrals.declined").description("Referrals declined").register(meters);
        this.expired = Counter.builder("cosell.referrals.expired")
                .description("Referrals expired unanswered").register(meters);
        this.responseTime = Timer.builder("cosell.referrals.response.time")
                .description("Time from receiving a referral to the partner's answer")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(meters);
    }

    public Referral accept(String partnerId, UUID id, DealDetails terms) {
        Referral referral = retryOnConflict(id, partnerId, current -> {
            var event = current.accept(terms, clock.instant());
            current.recordEvent(events.record(EventType.REFERRAL_ACCEPTED, id.toString(), event));
            return Optional.of(current);
        }).orElseThrow();
        accepted.increment();
        responseTime.record(Duration.between(referral.receivedAt(), referral.decidedAt()));
        return referral;
    }

    public Referral decline(String partnerId, UUID id, DeclineReason reason, String notes) {
        Referral referral = retryOnConflict(id, partnerId, current -> {
            Referral.Declined result = current.decline(reason, notes, clock.instant());
            current.recordEvent(events.record(EventType.REFERRAL_DECLINED, id.toString(), result.event()));
            current.recordEvent(events.record(EventType.OPPORTUNITY_OUTCOME, id.toString(), result.outcome()));
            return Optional.of(current);
        }).orElseThrow();
        declined.increment();
        responseTime.record(Duration.between(referral.receivedAt(), referral.decidedAt()));
        return referral;
    }

    /** The response deadline of referral {@code id} is due; answers whether it expired now. */
    public boolean expire(UUID id) {
        Optional<Referral> expiredReferral = retryOnConflict(id, null, current ->
                current.expire(clock.instant()).map(result -> {
                    current.recordEvent(events.record(EventType.REFERRAL_EXPIRED, id.toString(), result.event()));
                    current.recordEvent(events.record(EventType.OPPORTUNITY_OUTCOME, id.toString(), result.outcome()));
                    return current;
                }));
        expiredReferral.ifPresent(referral -> expired.increment());
        return expiredReferral.isPresent();
    }

    /**
     * @param partnerId the caller's partner, or {@code null} for the system itself
     * @param move      applies the move to the loaded referral; empty when nothing changes
     */
    private Optional<Referral> retryOnConflict(UUID id, String partnerId, Function<Referral, Optional<Referral>> move) {
        for (int attempt = 1; ; attempt++) {
            Referral current = referrals.findById(id)
                    .filter(referral -> partnerId == null || referral.partnerId().equals(partnerId))
                    .orElseThrow(() -> new NotFoundException("referral", id));
            Optional<Referral> changed = move.apply(current);
            if (changed.isEmpty()) {
                return changed;
            }
            try {
                Referral referral = changed.get();
                OutboxAwareWrites.replace(mongo, COLLECTION, id, referral, referral.version(),
                        referral.readPendingEventCount());
                relay.ifAvailable(outbox -> outbox.wakeUp(COLLECTION, List.of(id)));
                return changed;
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                log.debug("Referral {} changed concurrently, deciding again", id);
            }
        }
    }
}
