package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.LostReason;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.deal.lost.v1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealLost(UUID dealId, String partnerId, LostReason reason, String notes, Instant lostAt,
        Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealLost(UUID dealId, String partnerId, LostReason reason, String notes, Instant lostAt) {
        this(dealId, partnerId, reason, notes, lostAt, null);
    }
}
