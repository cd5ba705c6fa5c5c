package org.cosell.contracts.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SuggestedDeal;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.referral.received.v1}: a referral is stored RECEIVED and waits for the partner until {@code respondBy}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralReceived(
        UUID opportunityId,
        String referralId,
        String partnerId,
        Sender sender,
        Customer customer,
        SuggestedDeal deal,
        Instant receivedAt,
        Instant respondBy) {
}
