package org.cosell.referral.domain;

import org.cosell.contracts.EventType;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.outcome.OpportunityOutcome;
import org.cosell.contracts.outcome.Outcome;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.outbox.Aggregate;
import org.cosell.support.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * An inbound referral, the aggregate referral-service owns. Its id is the opportunity id for the
 * whole life of the opportunity. Each move is one guarded method that checks the stage, changes it
 * and raises the facts it caused, which the store writes with the state in one atomic write.
 * Times are kept to the millisecond, as MongoDB stores them, so the referral and its events agree.
 */
@Document("referrals")
@CompoundIndex(name = "sender_system_referral_id", def = "{'senderSystem': 1, 'referralId': 1}", unique = true)
public class Referral extends Aggregate {

    @Id
    private final UUID id;
    private final String senderSystem;
    private final String referralId;
    private final String partnerId;
    private final Sender sender;
    private final Customer customer;
    private final SuggestedDeal suggestedDeal;
    private ReferralStage stage;
    private final Instant receivedAt;
    private final Instant respondBy;
    private Instant decidedAt;
    private IdempotentRequest answeredWith;

    @PersistenceCreator
    Referral(UUID id, Long version, String senderSystem, String referralId, String partnerId, Sender sender,
             Customer customer, SuggestedDeal suggestedDeal, ReferralStage stage, Instant receivedAt,
             Instant respondBy, Instant decidedAt, IdempotentRequest answeredWith, List<OutboxEvent> pendingEvents) {
        super(version, pendingEvents);
        this.id = id;
        this.senderSystem = senderSystem;
        this.referralId = referralId;
        this.partnerId = partnerId;
        this.sender = sender;
        this.customer = customer;
        this.suggestedDeal = suggestedDeal;
        this.stage = stage;
        this.receivedAt = receivedAt;
        this.respondBy = respondBy;
        this.decidedAt = decidedAt;
        this.answeredWith = answeredWith;
    }

    /**
     * A referral offered by {@code senderSystem} arrives: it is RECEIVED and the partner has until
     * {@code now + responseWindow} to answer.
     */
    public static Referral receive(UUID id, String senderSystem, ReferralOffered offer, Instant now,
                                   Duration responseWindow) {
        Instant receivedAt = millis(now);
        Referral referral = new Referral(id, null, senderSystem, offer.referralId(), offer.targetPartnerId(),
                offer.sender(), offer.customer(), offer.deal(), ReferralStage.RECEIVED, receivedAt,
                receivedAt.plus(responseWindow), null, null, List.of());
        referral.raise(EventType.REFERRAL_RECEIVED, new ReferralReceived(id, referral.referralId, referral.partnerId,
                referral.sender, referral.customer, referral.suggestedDeal, receivedAt, referral.respondBy));
        return referral;
    }

    /**
     * Whether {@code request} repeats the call that answered this referral, so that its answer is
     * this referral as it stands.
     *
     * @throws org.cosell.support.idempotency.IdempotencyKeyReused when that call's key comes with another call
     */
    public boolean answeredBy(IdempotentRequest request) {
        return request != null && request.repeats(answeredWith);
    }

    /**
     * The partner takes the referral on with the deal's terms; the suggested solutions come along.
     * Refused unless RECEIVED. The deadline is not checked here: until {@link #expire} has been
     * applied the referral is open, so an answer racing the deadline wins or loses cleanly.
     *
     * @param actor   the person who accepted, named in the event
     * @param request the call with its {@code Idempotency-Key}, or {@code null}; kept so that a repeat gets this answer
     */
    public void accept(DealDetails terms, Actor actor, Instant now, IdempotentRequest request) {
        requireReceived(ReferralStage.ACCEPTED);
        DealDetails deal = new DealDetails(terms.name(), terms.estimatedValue(), terms.estimatedCloseDate(),
                terms.notes(), terms.crmId(), terms.campaignId(), terms.employees(),
                suggestedDeal == null || suggestedDeal.solutions() == null ? List.of() : suggestedDeal.solutions());
        stage = ReferralStage.ACCEPTED;
        decidedAt = millis(now);
        answeredWith = request;
        raise(EventType.REFERRAL_ACCEPTED,
                new ReferralAccepted(id, referralId, partnerId, sender, customer, deal, receivedAt, decidedAt,
                        actor));
    }

    /**
     * The partner turns the referral down, which is also the opportunity's one outcome. Refused
     * unless RECEIVED. {@code actor} and {@code request} as for {@link #accept}.
     */
    public void decline(DeclineReason reason, String notes, Actor actor, Instant now, IdempotentRequest request) {
        requireReceived(ReferralStage.DECLINED);
        stage = ReferralStage.DECLINED;
        decidedAt = millis(now);
        answeredWith = request;
        raise(EventType.REFERRAL_DECLINED,
                new ReferralDeclined(id, referralId, partnerId, sender, reason, notes, receivedAt, decidedAt,
                        actor));
        raise(EventType.OPPORTUNITY_OUTCOME, outcome(Outcome.DECLINED, reason.name(), notes));
    }

    /**
     * The response window is over: EXPIRED if nobody answered, which is also the opportunity's one
     * outcome. Anything else — already decided, or the deadline not reached yet — changes nothing,
     * so a late or early deadline notice is harmless; answers whether it expired.
     */
    public boolean expire(Instant now) {
        if (stage != ReferralStage.RECEIVED || now.isBefore(respondBy)) {
            return false;
        }
        stage = ReferralStage.EXPIRED;
        decidedAt = millis(now);
        raise(EventType.REFERRAL_EXPIRED, new ReferralExpired(id, referralId, partnerId, sender, respondBy, decidedAt));
        raise(EventType.OPPORTUNITY_OUTCOME, outcome(Outcome.EXPIRED, null, null));
        return true;
    }

    private void requireReceived(ReferralStage to) {
        if (stage != ReferralStage.RECEIVED) {
            throw new StageTransitionRefused(stage, to, "only a RECEIVED referral can be answered");
        }
    }

    private OpportunityOutcome outcome(Outcome outcome, String reason, String notes) {
        SuggestedDeal deal = suggestedDeal == null ? new SuggestedDeal(null, null, null, null, List.of()) : suggestedDeal;
        return new OpportunityOutcome(id, partnerId, Origin.INBOUND, referralId, outcome, deal.name(),
                deal.estimatedValue(), deal.estimatedCloseDate(), reason, notes, null, deal.solutions(), decidedAt);
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public UUID id() {
        return id;
    }

    public String senderSystem() {
        return senderSystem;
    }

    public String referralId() {
        return referralId;
    }

    @Override
    public String partnerId() {
        return partnerId;
    }

    public Sender sender() {
        return sender;
    }

    public Customer customer() {
        return customer;
    }

    public SuggestedDeal suggestedDeal() {
        return suggestedDeal;
    }

    public ReferralStage stage() {
        return stage;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant respondBy() {
        return respondBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public IdempotentRequest answeredWith() {
        return answeredWith;
    }
}
