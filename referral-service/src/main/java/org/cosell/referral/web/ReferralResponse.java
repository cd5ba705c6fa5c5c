package org.cosell.referral.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.cosell.referral.domain.Referral;
import org.cosell.referral.domain.ReferralStage;

import java.time.Instant;
import java.util.UUID;

/**
 * The referral after a decision. The full opportunity (deal terms, favorite flag) is served by
 * {@code GET /api/opportunities/{id}}, which shows the change within two seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralResponse(UUID id, String referralId, ReferralStage stage, Instant receivedAt, Instant respondBy,
                               Instant decidedAt) {

    static ReferralResponse of(Referral referral) {
        return new ReferralResponse(referral.id(), referral.referralId(), referral.stage(), referral.receivedAt(),
                referral.respondBy(), referral.decidedAt());
    }
}
