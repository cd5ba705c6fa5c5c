package org.cosell.deal;

import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.unregisteredDeal;

/** {@code GET /api/insights}: the partner's figures, computed from its own opportunities only. */
@CosellServiceTest
class InsightsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** When the golden sample's referral arrived; the decisions below are timed from it. */
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-24T10:00:01Z");

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void figuresOnKnownData() {
        DealApi api = new DealApi(port);
        TestUser user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        String partnerId = user.partnerId();
        referral(partnerId, events -> events.accepted("Accepted in 2 h", RECEIVED_AT, Duration.ofHours(2)));
        referral(partnerId, events -> events.declined(RECEIVED_AT, Duration.ofHours(4)));
        referral(partnerId, events -> events.declined(RECEIVED_AT, Duration.ofMinutes(30)));
        referral(partnerId, events -> events.expired());
        referral(partnerId, events -> events.received("Still open"));
        UUID won = createDeal(api, user, "Won");
        UUID lost = createDeal(api, user, "Lost");
        UUID lostToo = createDeal(api, user, "Lost too");
        createDeal(api, user, "Open");
        assertThat(api.post("/api/deals/" + won + "/won", user, null).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/deals/" + lost + "/lost", user, null).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/deals/" + lostToo + "/lost", user, null).statusCode()).isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> body(api.get("/api/opportunities?tab=inbound", user)).get("total").asLong() == 2
                && body(api.get("/api/opportunities?tab=archived", user)).get("total").asLong() == 6);

        JsonNode insights = body(api.get("/api/insights", user));

        assertThat(insights.get("referralsReceived").asLong()).isEqualTo(5);
        assertThat(insights.get("referralsAccepted").asLong()).isEqualTo(1);
        assertThat(insights.get("referralsDeclined").asLong()).isEqualTo(2);
        assertThat(insights.get("referralsExpired").asLong()).isEqualTo(1);
        assertThat(insights.get("medianResponseTime").asString()).isEqualTo("PT2H");
        assertThat(insights.get("dealsWon").asLong()).isEqualTo(1);
        assertThat(insights.get("dealsLost").asLong()).isEqualTo(2);
        assertThat(insights.get("winRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(insights.get("openPipeline")).isEqualTo(JSON.readTree("""
                [{"amount": "30000.00", "currency": "EUR"}, {"amount": "25000.00", "currency": "USD"}]"""));
        assertThat(insights.get("openPipelineBySalesStage")).isEqualTo(JSON.readTree("""
                {"QUALIFY": [{"amount": "30000.00", "currency": "EUR"}, {"amount": "25000.00", "currency": "USD"}],
                 "DEVELOP": [], "PROPOSE": [], "CLOSE": []}"""));

        JsonNode empty = body(api.get("/api/insights", TestUser.partnerAdmin(DealApi.uniquePartnerId())));
        assertThat(empty.get("referralsReceived").asLong()).isZero();
        assertThat(empty.get("dealsWon").asLong()).isZero();
        assertThat(empty.get("medianResponseTime").isNull()).isTrue();
        assertThat(empty.get("winRate").isNull()).isTrue();
        assertThat(empty.get("openPipeline")).isEmpty();
        assertThat(empty.get("openPipelineBySalesStage")).isEqualTo(JSON.readTree("""
                {"QUALIFY": [], "DEVELOP": [], "PROPOSE": [], "CLOSE": []}"""));
    }

    @Test
    void theOpenPipelineOfEachSalesStageIsSummedPerCurrency() {
        DealApi api = new DealApi(port);
        TestUser user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        createDeal(api, user, "Qualifying");
        moveSalesStage(api, user, createDeal(api, user, "Developing in dollars", "USD", "25000.00"), "DEVELOP");
        moveSalesStage(api, user, createDeal(api, user, "Developing in euros", "EUR", "1000.50"), "DEVELOP");
        moveSalesStage(api, user, createDeal(api, user, "Proposed", "USD", "25000.00"), "PROPOSE");
        moveSalesStage(api, user, createDeal(api, user, "Proposed too", "USD", "25000.00"), "PROPOSE");
        UUID lost = createDeal(api, user, "Lost at close");
        moveSalesStage(api, user, lost, "CLOSE");
        assertThat(api.post("/api/deals/" + lost + "/lost", user, null).statusCode()).isEqualTo(200);

        JsonNode insights = body(api.get("/api/insights", user));

        assertThat(insights.get("openPipelineBySalesStage")).isEqualTo(JSON.readTree("""
                {"QUALIFY": [{"amount": "30000.00", "currency": "EUR"}],
                 "DEVELOP": [{"amount": "1000.50", "currency": "EUR"}, {"amount": "25000.00", "currency": "USD"}],
                 "PROPOSE": [{"amount": "50000.00", "currency": "USD"}],
                 "CLOSE": []}"""));
        assertThat(insights.get("openPipeline")).isEqualTo(JSON.readTree("""
                [{"amount": "31000.50", "currency": "EUR"}, {"amount": "75000.00", "currency": "USD"}]"""));
        assertThat(insights.get("dealsLost").asLong()).isEqualTo(1);
    }

    private static void moveSalesStage(DealApi api, TestUser user, UUID id, String salesStage) {
        String etag = DealApi.etag(api.get("/api/opportunities/" + id, user));
        assertThat(api.patch(id, user, etag, JSON.readTree("{\"salesStage\": \"" + salesStage + "\"}")).statusCode())
                .isEqualTo(200);
    }

    private static UUID createDeal(DealApi api, TestUser user, String name, String currency, String amount) {
        ObjectNode deal = unregisteredDeal(name);
        DealApi.set(deal, "/estimatedValue/currency", "\"" + currency + "\"");
        DealApi.set(deal, "/estimatedValue/amount", "\"" + amount + "\"");
        return UUID.fromString(api.createdDeal(user, deal).get("id").asString());
    }

    private void referral(String partnerId, Function<ReferralEvents, String> decision) {
        UUID id = UUID.randomUUID();
        ReferralEvents events = new ReferralEvents(id, partnerId);
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), events.received("Referral " + id));
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), decision.apply(events));
    }

    private static UUID createDeal(DealApi api, TestUser user, String name) {
        return UUID.fromString(api.createdDeal(user, unregisteredDeal(name)).get("id").asString());
    }
}
