package org.cosell.contracts.engagement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Seller;

import java.util.UUID;

/** Data of {@code cosell.engagement.response.v1}, from Microsoft seller systems. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngagementResponse(UUID dealId, EngagementDecision decision, Seller seller, String notes) {
}
