package org.cosell.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Registration;
import org.cosell.contracts.common.Solution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Data of {@code cosell.opportunity.outcome.v1}: exactly one per opportunity, for downstream systems. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpportunityOutcome(
        UUID opportunityId,
        String partnerId,
        Origin origin,
        String referralId,
        Outcome outcome,
        String dealName,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        String reason,
        String notes,
        Registration registration,
        List<Solution> solutions,
        Instant occurredAt) {
}
