package org.cosell.contracts.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Sender;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.referral.expired.v1}: nobody answered within the response window. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralExpired(
        UUID opportunityId,
        String referralId,
        String partnerId,
        Sender sender,
        Instant respondBy,
        Instant expiredAt) {
}
