package org.cosell.deal.opportunity;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.Solution;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One row of the opportunity view: every opportunity of a partner, inbound or outbound, in the
 * shape the API serves. Received referrals are projected into it from referral-service's events.
 */
@Document("opportunities")
@CompoundIndex(name = "partner_stage_updated", def = "{'partnerId': 1, 'stage': 1, 'updatedAt': -1}")
public record Opportunity(
        @Id UUID id,
        @Version Long version,
        String partnerId,
        Instant createdAt,
        Instant updatedAt,
        String referralId,
        Sender sender,
        Instant respondBy,
        Origin origin,
        OpportunityType type,
        Stage stage,
        String name,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        String crmId,
        String campaignId,
        String notes,
        Customer customer,
        List<Contact> employees,
        List<Solution> solutions,
        MicrosoftEngagement microsoftEngagement) {

    /** Where a co-sell request to Microsoft stands. */
    public record MicrosoftEngagement(EngagementStatus status, Instant requestedAt, Instant respondBy, String notes,
                                      org.cosell.contracts.common.Seller seller) {

        public static MicrosoftEngagement none() {
            return new MicrosoftEngagement(EngagementStatus.NONE, null, null, null, null);
        }
    }
}
