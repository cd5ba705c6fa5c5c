package org.cosell.referral.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.cosell.contracts.EventType;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.referral.domain.Referral;
import org.cosell.support.idempotency.IdempotencyKeys;
import org.cosell.support.idempotency.IdempotentRequest;
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
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Counter accepted;
    private final Counter declined;
    private final Counter expired;
    private final Timer responseTime;

    public ReferralDecisions(ReferralRepository referrals, MongoTemplate mongo, ObjectProvider<OutboxRelay> relay,
                             EventRecorder events, IdempotencyKeys keys, Clock clock, MeterRegistry meters) {
        this.referrals = referrals;
        this.mongo = mongo;
        this.relay = relay;
        this.events = events;
        this.keys = keys;
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

    /**
     * @param request the call with its {@code Idempotency-Key}, or {@code null}: the call that answers
     *                the referral is kept with it, and a repeat of that call is answered the referral
     *                as it stands (decided), not refused
     */
    public Answer accept(String partnerId, UUID id, DealDetails terms, IdempotentRequest request) {
        Answer answer = answer(partnerId, id, request, current -> {
            var event = current.accept(terms, clock.instant(), request);
            current.recordEvent(events.record(EventType.REFERRAL_ACCEPTED, id.toString(), event));
        });
        if (!answer.repeated()) {
            accepted.increment();
            responseTime.record(Duration.between(answer.referral().receivedAt(), answer.referral().decidedAt()));
        }
        return answer;
    }

    /** {@code request} as for {@link #accept}. */
    public Answer decline(String partnerId, UUID id, DeclineReason reason, String notes, IdempotentRequest request) {
        Answer answer = answer(partnerId, id, request, current -> {
            Referral.Declined result = current.decline(reason, notes, clock.instant(), request);
            current.recordEvent(events.record(EventType.REFERRAL_DECLINED, id.toString(), result.event()));
            current.recordEvent(events.record(EventType.OPPORTUNITY_OUTCOME, id.toString(), result.outcome()));
        });
        if (!answer.repeated()) {
            declined.increment();
            responseTime.record(Duration.between(answer.referral().receivedAt(), answer.referral().decidedAt()));
        }
        return answer;
    }

    /**
     * A repeat of the call that answered the referral changes nothing. Otherwise the move is applied
     * (refused unless the referral is still open) and only then is the key claimed for this call, so
     * that a refused call leaves its key unused.
     */
    private Answer answer(String partnerId, UUID id, IdempotentRequest request, Consumer<Referral> move) {
        Moved moved = retryOnConflict(id, partnerId, current -> {
            if (current.answeredBy(request)) {
                return false;
            }
            move.accept(current);
            if (request != null) {
                keys.claim(partnerId, request, clock.instant());
            }
            return true;
        });
        return new Answer(moved.referral(), !moved.changed());
    }

    /** The response deadline of referral {@code id} is due; answers whether it expired now. */
    public boolean expire(UUID id) {
        boolean expiredNow = retryOnConflict(id, null, current ->
                current.expire(clock.instant()).map(result -> {
                    current.recordEvent(events.record(EventType.REFERRAL_EXPIRED, id.toString(), result.event()));
                    current.recordEvent(events.record(EventType.OPPORTUNITY_OUTCOME, id.toString(), result.outcome()));
                    return true;
                }).orElse(false)).changed();
        if (expiredNow) {
            expired.increment();
        }
        return expiredNow;
    }

    /**
     * @param partnerId the caller's partner, or {@code null} for the system itself
     * @param move      applies the move to the loaded referral; answers whether anything changed
     */
    private Moved retryOnConflict(UUID id, String partnerId, Predicate<Referral> move) {
        for (int attempt = 1; ; attempt++) {
            Referral referral = referrals.findById(id)
                    .filter(current -> partnerId == null || current.partnerId().equals(partnerId))
                    .orElseThrow(() -> new NotFoundException("referral", id));
            if (!move.test(referral)) {
                return new Moved(referral, false);
            }
            try {
                OutboxAwareWrites.replace(mongo, COLLECTION, id, referral, referral.version(),
                        referral.readPendingEventCount());
                relay.ifAvailable(outbox -> outbox.wakeUp(COLLECTION, List.of(id)));
                return new Moved(referral, true);
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                log.debug("Referral {} changed concurrently, deciding again", id);
            }
        }
    }

    private record Moved(Referral referral, boolean changed) {
    }

    /**
     * @param repeated whether the call repeats the one that answered the referral (same
     *                 {@code Idempotency-Key} and request), which changed nothing now
     */
    public record Answer(Referral referral, boolean repeated) {
    }
}
