package org.cosell.deal.insight;

import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.SalesStage;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a partner's insights from its opportunities. It reads only the few fields the figures
 * need, once per call; a partner with very many opportunities would want these kept as running
 * totals instead.
 */
@Service
public class InsightsCalculator {

    private final MongoTemplate mongo;

    public InsightsCalculator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public PartnerInsights of(String partnerId) {
        Query query = Query.query(Criteria.where("partnerId").is(partnerId));
        query.fields().include("origin", "stage", "receivedAt", "answeredAt", "estimatedValue", "salesStage");
        List<Facts> opportunities = mongo.find(query, Facts.class, mongo.getCollectionName(Opportunity.class));

        long received = 0;
        long accepted = 0;
        long declined = 0;
        long expired = 0;
        long won = 0;
        long lost = 0;
        List<Duration> responseTimes = new ArrayList<>();
        Map<String, BigDecimal> pipeline = new TreeMap<>();
        Map<SalesStage, Map<String, BigDecimal>> pipelineByStage = new EnumMap<>(SalesStage.class);
        for (SalesStage salesStage : SalesStage.values()) {
            pipelineByStage.put(salesStage, new TreeMap<>());
        }
        for (Facts opportunity : opportunities) {
            Stage stage = opportunity.stage();
            if (opportunity.origin() == Origin.INBOUND) {
                received++;
                switch (stage) {
                    case ACCEPTED, WON, LOST -> accepted++;
                    case DECLINED -> declined++;
                    case EXPIRED -> expired++;
                    case RECEIVED -> { }
                }
                if (opportunity.receivedAt() != null && opportunity.answeredAt() != null) {
                    responseTimes.add(Duration.between(opportunity.receivedAt(), opportunity.answeredAt()));
                }
            }
            if (stage == Stage.WON) {
                won++;
            } else if (stage == Stage.LOST) {
                lost++;
            } else if (stage == Stage.ACCEPTED && opportunity.estimatedValue() != null
                    && opportunity.estimatedValue().amount() != null && opportunity.estimatedValue().currency() != null) {
                pipeline.merge(opportunity.estimatedValue().currency(), opportunity.estimatedValue().amount(), BigDecimal::add);
                SalesStage salesStage = opportunity.salesStage() == null ? SalesStage.QUALIFY : opportunity.salesStage();
                pipelineByStage.get(salesStage).merge(opportunity.estimatedValue().currency(),
                        opportunity.estimatedValue().amount(), BigDecimal::add);
            }
        }
        BigDecimal winRate = won + lost == 0 ? null
                : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_UP);
        Map<SalesStage, List<Money>> openPipelineBySalesStage = new LinkedHashMap<>();
        pipelineByStage.forEach((salesStage, amounts) -> openPipelineBySalesStage.put(salesStage, amounts(amounts)));
        return new PartnerInsights(received, accepted, declined, expired, median(responseTimes), won, lost, winRate,
                amounts(pipeline), openPipelineBySalesStage);
    }

    private static List<Money> amounts(Map<String, BigDecimal> byCurrency) {
        return byCurrency.entrySet().stream().map(entry -> new Money(entry.getValue(), entry.getKey())).toList();
    }

    private static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    /** The fields of an opportunity the figures are made of; an ACCEPTED deal stored without a sales stage is QUALIFY. */
    record Facts(Origin origin, Stage stage, Instant receivedAt, Instant answeredAt, Money estimatedValue,
                 SalesStage salesStage) {
    }
}
