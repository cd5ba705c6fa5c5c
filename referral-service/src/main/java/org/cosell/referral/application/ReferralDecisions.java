package org.cosell.referral.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.referral.domain.Referral;
import org.cosell.support.idempotency.IdempotencyKeys;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.outbox.AggregateStore;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The partner's answer to a referral, and the deadline's. Each move loads the referral, applies one
 * guarded method and writes state and events together through {@link AggregateStore#change}, which
 * decides again when a concurrent move wrote first, so racing moves end in exactly one of them —
 * the others see the new stage and are refused (or, for the deadline, do nothing).
 */
@Service
public class ReferralDecisions {

    private final ReferralStore referrals;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Counter accepted;
    private final Counter declined;
    private final Counter expired;
    private final Timer responseTime;

    public ReferralDecisions(ReferralStore referrals, IdempotencyKeys keys, Clock clock, MeterRegistry meters) {
        this.referrals = referrals;
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
     * @param actor   the person who accepted, named in the event
     */
    public Answer accept(String partnerId, UUID id, DealDetails terms, Actor actor, IdempotentRequest request) {
        Answer answer = answer(partnerId, id, request,
                current -> current.accept(terms, actor, clock.instant(), request));
        if (!answer.repeated()) {
            accepted.increment();
            responseTime.record(Duration.between(answer.referral().receivedAt(), answer.referral().decidedAt()));
        }
        return answer;
    }

    /** {@code request} as for {@link #accept}; {@code actor} is the person who declined. */
    public Answer decline(String partnerId, UUID id, DeclineReason reason, String notes, Actor actor,
                          IdempotentRequest request) {
        Answer answer = answer(partnerId, id, request,
                current -> current.decline(reason, notes, actor, clock.instant(), request));
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
        AggregateStore.Change<Referral> moved = referrals.change(partnerId, id, current -> {
            if (current.answeredBy(request)) {
                return false;
            }
            move.accept(current);
            if (request != null) {
                keys.claim(partnerId, request, clock.instant());
            }
            return true;
        });
        return new Answer(moved.aggregate(), !moved.changed());
    }

    /** The response deadline of referral {@code id} is due; answers whether it expired now. */
    public boolean expire(UUID id) {
        boolean expiredNow = referrals.change(null, id, current -> current.expire(clock.instant())).changed();
        if (expiredNow) {
            expired.increment();
        }
        return expiredNow;
    }

    /**
     * @param repeated whether the call repeats the one that answered the referral (same
     *                 {@code Idempotency-Key} and request), which changed nothing now
     */
    public record Answer(Referral referral, boolean repeated) {
    }
}
