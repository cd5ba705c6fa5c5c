package org.cosell.portal.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The partner's figures from {@code GET /api/insights}. {@code medianResponseTime} (an ISO-8601
 * duration) and {@code winRate} (0 to 1) are {@code null} until there is something to measure;
 * {@code openPipeline} is one amount per currency, never converted between them, and
 * {@code openPipelineBySalesStage} (absent from an older API) the same split by sales stage too, by stage name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Insights(long referralsReceived, long referralsAccepted, long referralsDeclined, long referralsExpired,
                       String medianResponseTime, long dealsWon, long dealsLost, BigDecimal winRate,
                       List<Opportunity.Money> openPipeline,
                       Map<String, List<Opportunity.Money>> openPipelineBySalesStage) {

    public Insights {
        openPipeline = openPipeline == null ? List.of() : openPipeline;
    }

    /** Whether the API says how the open pipeline splits by sales stage (an older one does not). */
    public boolean hasPipelineBySalesStage() {
        return openPipelineBySalesStage != null;
    }

    /** The median time to answer a referral, or {@code null} when none was answered (or the API wrote something else). */
    public Duration responseTime() {
        if (medianResponseTime == null) {
            return null;
        }
        try {
            return Duration.parse(medianResponseTime);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }
}
