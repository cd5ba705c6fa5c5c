package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.Seller;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code cosell.deal.engagement-changed.v1}: Microsoft engaged, declined or let the request expire;
 * the employees are who gets told.
 *
 * @param requestId the co-sell request the change is about; {@code null} in events from before requests had ids
 * @param respondBy when that request's engagement window ends, which tells its deadline from a later request's
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealEngagementChanged(
        UUID dealId,
        String partnerId,
        String dealName,
        EngagementStatus status,
        Seller seller,
        String notes,
        List<Contact> employees,
        Instant changedAt,
        UUID requestId,
        Instant respondBy) {
}
