package org.cosell.contracts.engagement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Seller;

import java.util.UUID;

/**
 * Data of {@code cosell.engagement.response.v1}, from Microsoft seller systems.
 *
 * @param requestId the {@code requestId} of the request answered, optional: without it the answer is taken for
 *                  the deal's current request unless the event's {@code time} is before that request was made
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngagementResponse(UUID dealId, EngagementDecision decision, Seller seller, String notes,
                                 UUID requestId) {
}
