package org.cosell.deal.insight;

import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.SalesStage;
import org.cosell.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/insights")
public class InsightsController {

    private final InsightsCalculator insights;

    public InsightsController(InsightsCalculator insights) {
        this.insights = insights;
    }

    @GetMapping
    InsightsResponse get(Caller caller) {
        return InsightsResponse.of(insights.of(caller.partnerId()));
    }

    /**
     * The partner's figures; {@code medianResponseTime} is an ISO-8601 duration, {@code winRate} a
     * fraction between 0 and 1; both are {@code null} until there is something to measure.
     * {@code openPipelineBySalesStage} names every sales stage, in order, with its amounts by currency.
     */
    record InsightsResponse(long referralsReceived, long referralsAccepted, long referralsDeclined,
                            long referralsExpired, String medianResponseTime, long dealsWon, long dealsLost,
                            BigDecimal winRate, List<Money> openPipeline,
                            Map<SalesStage, List<Money>> openPipelineBySalesStage) {

        static InsightsResponse of(PartnerInsights figures) {
            return new InsightsResponse(figures.referralsReceived(), figures.referralsAccepted(),
                    figures.referralsDeclined(), figures.referralsExpired(),
                    figures.medianResponseTime() == null ? null : figures.medianResponseTime().toString(),
                    figures.dealsWon(), figures.dealsLost(), figures.winRate(), figures.openPipeline(),
                    figures.openPipelineBySalesStage());
        }
    }
}
