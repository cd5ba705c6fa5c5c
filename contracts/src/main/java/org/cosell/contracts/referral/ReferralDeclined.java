package org.cosell.contracts.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.Sender;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.referral.declined.v1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralDeclined(
        UUID opportunityId,
        String referralId,
        String partnerId,
        Sender sender,
        DeclineReason reason,
        String notes,
        Instant receivedAt,
        Instant declinedAt,
        Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public ReferralDeclined(UUID opportunityId, String referralId, String partnerId, Sender sender, DeclineReason reason,
                            String notes, Instant receivedAt, Instant declinedAt) {
        this(opportunityId, referralId, partnerId, sender, reason, notes, receivedAt, declinedAt, null);
    }
}
