package org.cosell.contracts;

import org.cosell.contracts.deal.DealCosellRequested;
import org.cosell.contracts.deal.DealCreated;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealLost;
import org.cosell.contracts.deal.DealUpdated;
import org.cosell.contracts.deal.DealWon;
import org.cosell.contracts.engagement.EngagementRequested;
import org.cosell.contracts.engagement.EngagementResponse;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.outcome.OpportunityOutcome;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.contracts.referral.ReferralReceived;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every CloudEvents {@code type} of docs/events.md: its logical id on the wire (never a Java class name),
 * the topic it travels on and the record its {@code data} maps to. A breaking change is a new
 * {@code .v2} constant, never an edit of an existing one. Every constant has its message, and every
 * record its schema, in docs/asyncapi.yaml; the contract tests fail until both say the same.
 */
public enum EventType {

    REFERRAL_OFFERED("cosell.referral.offered.v1", Topics.REFERRALS_INBOUND, ReferralOffered.class),
    REFERRAL_RECEIVED("cosell.referral.received.v1", Topics.REFERRAL_EVENTS, ReferralReceived.class),
    REFERRAL_ACCEPTED("cosell.referral.accepted.v1", Topics.REFERRAL_EVENTS, ReferralAccepted.class),
    REFERRAL_DECLINED("cosell.referral.declined.v1", Topics.REFERRAL_EVENTS, ReferralDeclined.class),
    REFERRAL_EXPIRED("cosell.referral.expired.v1", Topics.REFERRAL_EVENTS, ReferralExpired.class),
    DEAL_CREATED("cosell.deal.created.v1", Topics.DEAL_EVENTS, DealCreated.class),
    DEAL_UPDATED("cosell.deal.updated.v1", Topics.DEAL_EVENTS, DealUpdated.class),
    DEAL_COSELL_REQUESTED("cosell.deal.cosell-requested.v1", Topics.DEAL_EVENTS, DealCosellRequested.class),
    DEAL_ENGAGEMENT_CHANGED("cosell.deal.engagement-changed.v1", Topics.DEAL_EVENTS, DealEngagementChanged.class),
    DEAL_WON("cosell.deal.won.v1", Topics.DEAL_EVENTS, DealWon.class),
    DEAL_LOST("cosell.deal.lost.v1", Topics.DEAL_EVENTS, DealLost.class),
    ENGAGEMENT_REQUESTED("cosell.engagement.requested.v1", Topics.ENGAGEMENTS_OUTBOUND, EngagementRequested.class),
    ENGAGEMENT_RESPONSE("cosell.engagement.response.v1", Topics.ENGAGEMENTS_RESPONSES, EngagementResponse.class),
    EXPIRY_DUE("cosell.expiry.due.v1", Topics.EXPIRY_DUE, ExpiryDue.class),
    OPPORTUNITY_OUTCOME("cosell.opportunity.outcome.v1", Topics.DEAL_OUTCOMES, OpportunityOutcome.class);

    private final String id;
    private final String topic;
    private final Class<?> dataType;

    EventType(String id, String topic, Class<?> dataType) {
        this.id = id;
        this.topic = topic;
        this.dataType = dataType;
    }

    /** The CloudEvents {@code type} attribute. */
    public String id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public Class<?> dataType() {
        return dataType;
    }

    public static Optional<EventType> fromId(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
    }
}
