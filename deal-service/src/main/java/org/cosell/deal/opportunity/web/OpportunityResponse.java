package org.cosell.deal.opportunity.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Registration;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.Solution;
import org.cosell.deal.opportunity.domain.InboundReferral;
import org.cosell.deal.opportunity.domain.MicrosoftEngagement;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An opportunity as the API shows it (docs/api.md); {@code respondBy} only while RECEIVED, {@code
 * salesStage} only while ACCEPTED, {@code referral} only for an inbound one, {@code closing} once WON, LOST or
 * DECLINED, {@code favorite} for the calling user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpportunityResponse(
        UUID id,
        String partnerId,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String referralId,
        Sender sender,
        Instant respondBy,
        Origin origin,
        OpportunityType type,
        Stage stage,
        SalesStage salesStage,
        String name,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        String crmId,
        String campaignId,
        String notes,
        Customer customer,
        List<Contact> employees,
        List<Solution> solutions,
        Engagement microsoftEngagement,
        Referral referral,
        Closing closing,
        boolean favorite) {

    static OpportunityResponse of(Opportunity opportunity, boolean favorite) {
        InboundReferral referral = opportunity.referral();
        DealDetails deal = opportunity.details();
        return new OpportunityResponse(opportunity.id(), opportunity.partnerId(), opportunity.version(),
                opportunity.createdAt(), opportunity.updatedAt(), referral.referralId(), referral.sender(),
                opportunity.stage() == Stage.RECEIVED ? referral.respondBy() : null,
                opportunity.origin(), opportunity.type(), opportunity.stage(), opportunity.salesStage(), deal.name(),
                deal.estimatedValue(),
                deal.estimatedCloseDate(), deal.crmId(), deal.campaignId(), deal.notes(), opportunity.customer(),
                deal.employees(), deal.solutions(), Engagement.of(opportunity.microsoftEngagement()),
                Referral.of(referral), Closing.of(opportunity.closing()), favorite);
    }

    /** What the referral told as it arrived, apart from the terms the partner settled on accepting. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Referral(String senderNotes) {

        static Referral of(InboundReferral referral) {
            return referral.referralId() == null ? null : new Referral(referral.senderNotes());
        }
    }

    /**
     * Where the deal's current co-sell request to Microsoft stands; {@code sellerNotes} is what the answering
     * seller said, {@code requestId} what an answer to this request names.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Engagement(EngagementStatus status, Instant requestedAt, Instant respondBy, String notes,
                             Seller seller, String sellerNotes, Instant answeredAt, UUID requestId,
                             HelpType helpType) {

        static Engagement of(MicrosoftEngagement engagement) {
            return new Engagement(engagement.status(), engagement.requestedAt(), engagement.respondBy(),
                    engagement.notes(), engagement.seller(), engagement.sellerNotes(), engagement.answeredAt(),
                    engagement.requestId(), engagement.helpType());
        }
    }

    /**
     * How an opportunity ended: when, why it was lost or declined ({@code reason}; {@code lostReason}
     * as before for a lost one), the notes given with that, what a win registered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Closing(Instant closedAt, String reason, LostReason lostReason, String notes,
                          Registration registration) {

        static Closing of(Opportunity.Closing closing) {
            if (closing == null) {
                return null;
            }
            Enum<?> reason = closing.lostReason() != null ? closing.lostReason() : closing.declineReason();
            return new Closing(closing.closedAt(), reason == null ? null : reason.name(), closing.lostReason(),
                    closing.notes(), closing.registration());
        }
    }
}
