package org.cosell.deal.opportunity.application;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.types.Decimal128;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.SenderKind;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.support.domain.RuleViolation;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What a list of opportunities (and its export) is narrowed to beside its tab; every part is
 * optional and they all combine. Values are checked together with the parameters they come from:
 * a value range needs its currency, a date range runs forwards.
 *
 * @param search        matched case-insensitively anywhere in the deal name or the customer name;
 *                      user text is quoted, never taken as a pattern
 * @param respondWithin only {@code RECEIVED} opportunities whose answer is due within this time
 *                      from now (overdue ones included)
 * @param salesStage    only {@code ACCEPTED} deals in this sales stage
 */
public record OpportunityFilter(
        Stage stage,
        String search,
        OpportunityType type,
        EngagementStatus engagement,
        SenderKind senderKind,
        String solutionId,
        LocalDate closeFrom,
        LocalDate closeTo,
        String currency,
        BigDecimal minValue,
        BigDecimal maxValue,
        Duration respondWithin,
        SalesStage salesStage) {

    public static final OpportunityFilter NONE =
            new OpportunityFilter(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public OpportunityFilter {
        if ((minValue != null || maxValue != null) && currency == null) {
            throw new RuleViolation(minValue != null ? "minValue" : "maxValue", "needs currency: amounts are compared in one currency");
        }
        if (minValue != null && maxValue != null && minValue.compareTo(maxValue) > 0) {
            throw new RuleViolation("maxValue", "must not be less than minValue");
        }
        if (closeFrom != null && closeTo != null && closeFrom.isAfter(closeTo)) {
            throw new RuleViolation("closeTo", "must not be before closeFrom");
        }
        if (respondWithin != null && respondWithin.isNegative()) {
            throw new RuleViolation("respondWithin", "must not be negative");
        }
    }

    /** Whether the list is the "answer soon" view, whose order is the soonest due first. */
    public boolean dueSoonest() {
        return respondWithin != null;
    }

    /** The conditions on stored opportunities, as of {@code now}. */
    List<Criteria> criteria(Instant now) {
        List<Criteria> criteria = new ArrayList<>();
        if (stage != null) {
            criteria.add(Criteria.where("stage").is(stage));
        }
        if (search != null && !search.isBlank()) {
            Pattern pattern = Pattern.compile(Pattern.quote(search.strip()), Pattern.CASE_INSENSITIVE);
            criteria.add(new Criteria().orOperator(
                    Criteria.where("name").regex(pattern), Criteria.where("customer.name").regex(pattern)));
        }
        if (type != null) {
            criteria.add(Criteria.where("type").is(type));
        }
        if (engagement != null) {
            criteria.add(Criteria.where("microsoftEngagement.status").is(engagement));
        }
        if (senderKind != null) {
            criteria.add(Criteria.where("sender.kind").is(senderKind));
        }
        if (solutionId != null) {
            criteria.add(Criteria.where("solutions._id").is(solutionId));
        }
        if (closeFrom != null) {
            criteria.add(Criteria.where("estimatedCloseDate").gte(closeFrom.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (closeTo != null) {
            criteria.add(Criteria.where("estimatedCloseDate").lt(closeTo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (currency != null) {
            criteria.add(Criteria.where("estimatedValue.currency").is(currency));
        }
        if (minValue != null) {
            criteria.add(Criteria.where("estimatedValue.amount").gte(new Decimal128(minValue)));
        }
        if (maxValue != null) {
            criteria.add(Criteria.where("estimatedValue.amount").lte(new Decimal128(maxValue)));
        }
        if (respondWithin != null) {
            criteria.add(Criteria.where("stage").is(Stage.RECEIVED));
            criteria.add(Criteria.where("respondBy").lte(now.plus(respondWithin)));
        }
        if (salesStage != null) {
            criteria.add(Criteria.where("stage").is(Stage.ACCEPTED));
            criteria.add(salesStage == SalesStage.QUALIFY
                    ? Criteria.where("salesStage").in(SalesStage.QUALIFY, null)
                    : Criteria.where("salesStage").is(salesStage));
        }
        return criteria;
    }
}
