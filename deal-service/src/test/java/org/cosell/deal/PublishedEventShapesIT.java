package org.cosell.deal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.contracts.engagement.EngagementResponse;
import org.cosell.deal.opportunity.application.OpportunityCommands;
import org.cosell.deal.opportunity.domain.CosellRequest;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.PublishedEvents;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.UUID;

/**
 * Every event deal-service publishes, taken off its topic after the real move, store, outbox and
 * relay, has the shape of its golden sample (what consumers were written against) and fits its message in
 * docs/asyncapi.yaml, headers included.
 */
@CosellServiceTest
class PublishedEventShapesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    OpportunityCommands commands;

    private TopicRecorder dealEvents;
    private TopicRecorder engagements;
    private TopicRecorder outcomes;
    private String partnerId;

    @BeforeEach
    void listen() {
        dealEvents = KafkaTestClient.shared().records(Topics.DEAL_EVENTS);
        engagements = KafkaTestClient.shared().records(Topics.ENGAGEMENTS_OUTBOUND);
        outcomes = KafkaTestClient.shared().records(Topics.DEAL_OUTCOMES);
        partnerId = DealApi.uniquePartnerId();
    }

    @AfterEach
    void close() {
        dealEvents.close();
        engagements.close();
        outcomes.close();
    }

    @Test
    void aDealCreatedWithHelpThenEditedAndWonIsShapedAsTheSamples() {
        Opportunity deal = commands.create(partnerId, DealFixtures.customer(), DealFixtures.terms(), DealFixtures.help(),
                DealFixtures.ACTOR, null).deal();
        assertShaped(dealEvents, deal.id(), EventType.DEAL_CREATED);
        assertShaped(dealEvents, deal.id(), EventType.DEAL_COSELL_REQUESTED);
        assertShaped(dealEvents, deal.id(), EventType.DEAL_ENGAGEMENT_CHANGED);
        assertShaped(engagements, deal.id(), EventType.ENGAGEMENT_REQUESTED);

        commands.edit(partnerId, deal.id(), null, DealFixtures.ACTOR, terms -> DealFixtures.renamed(terms, "Contoso AI rollout"), null);
        assertShaped(dealEvents, deal.id(), EventType.DEAL_UPDATED);

        commands.markWon(partnerId, deal.id(), null, DealFixtures.ACTOR, DealFixtures.registration(), null);
        assertShaped(dealEvents, deal.id(), EventType.DEAL_WON);
        assertShaped(outcomes, deal.id(), EventType.OPPORTUNITY_OUTCOME);
    }

    @Test
    void aLostDealIsShapedAsTheSamples() {
        Opportunity deal = commands.create(partnerId, DealFixtures.customer(), DealFixtures.terms(), null, DealFixtures.ACTOR, null)
                .deal();

        commands.markLost(partnerId, deal.id(), null, DealFixtures.ACTOR, LostReason.NO_BUDGET, "Budget frozen",
                null);

        assertShaped(dealEvents, deal.id(), EventType.DEAL_LOST);
        assertShaped(outcomes, deal.id(), EventType.OPPORTUNITY_OUTCOME);
    }

    @Test
    void aSecondCosellRequestAndASalesStageMoveAreShapedAsTheSamples() {
        Opportunity deal = commands.create(partnerId, DealFixtures.customer(), DealFixtures.terms(), DealFixtures.help(),
                DealFixtures.ACTOR, null).deal();
        commands.answerEngagement(new EngagementResponse(deal.id(), EngagementDecision.DECLINED,
                new Seller("Sam Seller", "sam@microsoft.example"), "No capacity", null), "answer-1", null);
        commands.requestCosell(partnerId, deal.id(), null, DealFixtures.ACTOR,
                new CosellRequest("Pricing, please", null, true, HelpType.PRICING));
        commands.edit(partnerId, deal.id(), null, DealFixtures.ACTOR, null, SalesStage.PROPOSE);

        assertShaped(dealEvents, deal.id(), EventType.DEAL_COSELL_REQUESTED, "\"helpType\":\"PRICING\"");
        assertShaped(dealEvents, deal.id(), EventType.DEAL_ENGAGEMENT_CHANGED, "\"status\":\"DECLINED\"");
        assertShaped(engagements, deal.id(), EventType.ENGAGEMENT_REQUESTED, "\"helpType\":\"PRICING\"");
        assertShaped(dealEvents, deal.id(), EventType.DEAL_UPDATED, "\"salesStage\":\"PROPOSE\"");
    }

    private static void assertShaped(TopicRecorder topic, UUID dealId, EventType type) {
        assertShaped(topic, dealId, type, "");
    }

    private static void assertShaped(TopicRecorder topic, UUID dealId, EventType type, String holding) {
        ConsumerRecord<String, String> record = topic.awaitRecord(candidate -> candidate.key().equals(dealId.toString())
                && candidate.value().contains("\"type\":\"" + type.id() + "\"") && candidate.value().contains(holding),
                TIMEOUT);
        PublishedEvents.assertConforms(record);
    }
}
