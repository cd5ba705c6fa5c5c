package org.cosell.deal.insight;

import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.SalesStage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A partner's figures (docs/api.md), computed from its own opportunities.
 *
 * @param referralsReceived  inbound opportunities seen, in any stage
 * @param referralsAccepted  inbound opportunities the partner accepted (whatever happened to the deal since)
 * @param medianResponseTime median time from a referral's arrival to its acceptance or decline; {@code null} before the first answer
 * @param dealsWon           deals won, inbound and outbound
 * @param dealsLost          deals lost, inbound and outbound
 * @param winRate            won / (won + lost), four decimals; {@code null} before the first outcome
 * @param openPipeline       summed estimated value of the ACCEPTED deals, one amount per currency, by currency code
 * @param openPipelineBySalesStage the open pipeline of the deals in each sales stage, every stage in its order
 */
public record PartnerInsights(
        long referralsReceived,
        long referralsAccepted,
        long referralsDeclined,
        long referralsExpired,
        Duration medianResponseTime,
        long dealsWon,
        long dealsLost,
        BigDecimal winRate,
        List<Money> openPipeline,
        Map<SalesStage, List<Money>> openPipelineBySalesStage) {
}
