package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.LostReason;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.deal.lost.v1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealLost(UUID dealId, String partnerId, LostReason reason, String notes, Instant lostAt) {
}
