package org.cosell.referral.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.Limits;
import org.cosell.contracts.common.DeclineReason;

/** Why a partner declines a referral; {@code OTHER} needs notes (docs/api.md). */
public record DeclineReferralRequest(@NotNull DeclineReason reason, @Size(max = Limits.NOTES) String notes) {

    @AssertTrue(message = "notes are required when the reason is OTHER")
    boolean isNotes() {
        return reason != DeclineReason.OTHER || (notes != null && !notes.isBlank());
    }
}
