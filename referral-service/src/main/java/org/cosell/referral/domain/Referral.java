package org.cosell.referral.domain;

import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.support.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An inbound referral, the aggregate referral-service owns. Its id is the opportunity id for the
 * whole life of the opportunity. The events a change causes are kept in the same document until
 * the outbox relay has published them, so state and events are written in one atomic save.
 */
@Document("referrals")
@CompoundIndex(name = "sender_system_referral_id", def = "{'senderSystem': 1, 'referralId': 1}", unique = true)
public class Referral {

    @Id
    private final UUID id;
    @Version
    private Long version;
    private final String senderSystem;
    private final String referralId;
    private final String partnerId;
    private final Sender sender;
    private final Customer customer;
    private final SuggestedDeal suggestedDeal;
    private ReferralStage stage;
    private final Instant receivedAt;
    private final Instant respondBy;
    private final List<OutboxEvent> pendingEvents;

    @PersistenceCreator
    Referral(UUID id, Long version, String senderSystem, String referralId, String partnerId, Sender sender,
             Customer customer, SuggestedDeal suggestedDeal, ReferralStage stage, Instant receivedAt,
             Instant respondBy, List<OutboxEvent> pendingEvents) {
        this.id = id;
        this.version = version;
        this.senderSystem = senderSystem;
        this.referralId = referralId;
        this.partnerId = partnerId;
        this.sender = sender;
        this.customer = customer;
        this.suggestedDeal = suggestedDeal;
        this.stage = stage;
        this.receivedAt = receivedAt;
        this.respondBy = respondBy;
        this.pendingEvents = pendingEvents == null ? new ArrayList<>() : new ArrayList<>(pendingEvents);
    }

    /**
     * A referral offered by {@code senderSystem} arrives: it is RECEIVED and the partner has until
     * {@code now + responseWindow} to answer. Times are kept to the millisecond, as MongoDB stores them,
     * so the stored referral and its events never disagree.
     */
    public static Referral receive(UUID id, String senderSystem, ReferralOffered offer, Instant now,
                                   Duration responseWindow) {
        Instant receivedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return new Referral(id, null, senderSystem, offer.referralId(), offer.targetPartnerId(), offer.sender(),
                offer.customer(), offer.deal(), ReferralStage.RECEIVED, receivedAt, receivedAt.plus(responseWindow),
                List.of());
    }

    /** What {@code cosell.referral.received.v1} says about this referral. */
    public ReferralReceived received() {
        return new ReferralReceived(id, referralId, partnerId, sender, customer, suggestedDeal, receivedAt, respondBy);
    }

    public void recordEvent(OutboxEvent event) {
        pendingEvents.add(event);
    }

    public UUID id() {
        return id;
    }

    public String senderSystem() {
        return senderSystem;
    }

    public String referralId() {
        return referralId;
    }

    public String partnerId() {
        return partnerId;
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

    public List<OutboxEvent> pendingEvents() {
        return List.copyOf(pendingEvents);
    }
}
