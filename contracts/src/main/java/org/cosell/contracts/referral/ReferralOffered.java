package org.cosell.contracts.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SuggestedDeal;

import java.time.Instant;

/** Data of {@code cosell.referral.offered.v1}: an upstream sender offers a referral to a partner (docs/events.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralOffered(
        String referralId,
        String targetPartnerId,
        Sender sender,
        Customer customer,
        SuggestedDeal deal,
        Instant sentAt) {
}
