package org.cosell.deal.opportunity.web;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.SenderKind;
import org.cosell.deal.opportunity.application.OpportunityFilter;
import org.cosell.deal.opportunity.domain.Stage;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The filter parameters of {@code GET /api/opportunities} and its export, each optional, bound by
 * name ({@code ?q=&stage=&type=&engagement=&senderKind=&solutionId=&closeFrom=&closeTo=&currency=&minValue=&maxValue=&respondWithin=&salesStage=}).
 */
record ListFilter(
        @Size(max = 200) String q,
        Stage stage,
        OpportunityType type,
        EngagementStatus engagement,
        SenderKind senderKind,
        @Size(max = 100) String solutionId,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal minValue,
        @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal maxValue,
        Duration respondWithin,
        SalesStage salesStage) {

    OpportunityFilter toFilter() {
        return new OpportunityFilter(stage, q, type, engagement, senderKind, solutionId, closeFrom, closeTo, currency,
                minValue, maxValue, respondWithin, salesStage);
    }
}
