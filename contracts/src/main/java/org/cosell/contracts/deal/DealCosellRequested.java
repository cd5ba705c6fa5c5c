package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.deal.cosell-requested.v1}: the partner asked Microsoft for help; Microsoft sellers have until {@code respondBy}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealCosellRequested(UUID dealId, String partnerId, String notes, Instant requestedAt, Instant respondBy,
        Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealCosellRequested(UUID dealId, String partnerId, String notes, Instant requestedAt, Instant respondBy) {
        this(dealId, partnerId, notes, requestedAt, respondBy, null);
    }
}
