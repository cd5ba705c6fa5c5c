package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.HelpType;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code cosell.deal.cosell-requested.v1}: the partner asked Microsoft for help; Microsoft sellers
 * have until {@code respondBy}. A deal may ask again once an earlier request was declined or expired, so
 * {@code requestId} tells its requests apart.
 *
 * @param requestId which of the deal's requests this is; {@code null} in events from before requests had ids
 * @param helpType  what kind of help is wanted; {@code null} when the partner did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealCosellRequested(UUID dealId, String partnerId, String notes, Instant requestedAt, Instant respondBy,
                                  UUID requestId, HelpType helpType, Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealCosellRequested(UUID dealId, String partnerId, String notes, Instant requestedAt, Instant respondBy,
                               UUID requestId, HelpType helpType) {
        this(dealId, partnerId, notes, requestedAt, respondBy, requestId, helpType, null);
    }
}
