package org.cosell.contracts.engagement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Solution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code cosell.engagement.requested.v1}, the only event Microsoft systems read; the customer contact is
 * in it only with consent.
 *
 * @param requestId which of the deal's co-sell requests this is: an answer that names it answers this request only
 * @param helpType  what kind of help is wanted; {@code null} when the partner did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngagementRequested(
        UUID dealId,
        String partnerId,
        String dealName,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        Customer customer,
        List<Solution> solutions,
        String notes,
        Instant respondBy,
        UUID requestId,
        HelpType helpType) {
}
