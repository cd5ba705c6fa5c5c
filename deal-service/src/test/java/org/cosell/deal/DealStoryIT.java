package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.engagementResponse;
import static org.cosell.deal.DealApi.etag;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.newDeal;

/**
 * A deal's story from creation to won, told through the API and the topics: a partner creates a
 * private deal, sharpens it, asks Microsoft for help, Microsoft engages, and the deal is won.
 */
@CosellServiceTest
class DealStoryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void fromCreationToWon() {
        DealApi api = new DealApi(port);
        TestUser seller = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS);
             TopicRecorder microsoft = kafka.records(Topics.ENGAGEMENTS_OUTBOUND);
             TopicRecorder outcomes = kafka.records(Topics.DEAL_OUTCOMES)) {

            HttpResponse<String> created = api.create(seller, newDeal("Contoso AI pilot"));
            UUID id = UUID.fromString(body(created).get("id").asString());
            assertThat(body(created).get("type").asString()).isEqualTo("PRIVATE_PIPELINE");
            assertThat(api.put("/api/opportunities/" + id + "/favorite", seller).statusCode()).isEqualTo(204);

            HttpResponse<String> sharpened = api.patch(id, seller, etag(created), JSON.readTree("""
                    {"name": "Contoso AI rollout", "estimatedValue": {"amount": "80000.00"}}"""));
            assertThat(sharpened.statusCode()).isEqualTo(200);

            HttpResponse<String> askedForHelp = api.post("/api/deals/" + id + "/cosell-request", seller, JSON.readTree(
                    "{\"notes\": \"Need an Azure architect for the rollout\", \"consentToShareContact\": true}"));
            assertThat(askedForHelp.statusCode()).isEqualTo(200);
            assertThat(body(askedForHelp).get("type").asString()).isEqualTo("CO_SELL");
            JsonNode request = event(microsoft.awaitRecord(record -> id.toString().equals(record.key()), TIMEOUT));
            assertThat(request.get("data").get("dealName").asString()).isEqualTo("Contoso AI rollout");
            assertThat(request.get("data").get("estimatedValue").get("amount").asString()).isEqualTo("80000.00");

            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), engagementResponse(id, "ENGAGED"));
            JsonNode engaged = await().atMost(TIMEOUT).until(() -> api.opportunity(id, seller),
                    deal -> deal.get("microsoftEngagement").get("status").asString().equals("ENGAGED"));

            HttpResponse<String> won = api.post("/api/deals/" + id + "/won", seller, JSON.readTree("""
                    {"registration": {"finalValue": {"amount": "82000.00", "currency": "EUR"},
                                      "contractSignedDate": "2026-01-15", "notes": "Signed"}}"""));
            assertThat(won.statusCode()).isEqualTo(200);
            assertThat(body(won).get("stage").asString()).isEqualTo("WON");
            assertThat(body(won).get("version").asLong()).isEqualTo(engaged.get("version").asLong() + 1);
            assertThat(body(won).get("favorite").asBoolean()).isTrue();

            JsonNode outcome = event(outcomes.awaitRecord(record -> id.toString().equals(record.key()), TIMEOUT));
            assertThat(outcome.get("data").get("outcome").asString()).isEqualTo("WON");
            assertThat(outcome.get("data").get("dealName").asString()).isEqualTo("Contoso AI rollout");
            assertThat(outcome.get("data").get("registration").get("finalValue").get("amount").asString())
                    .isEqualTo("82000.00");
            await().atMost(TIMEOUT).until(() -> typesOf(dealEvents, id).size() == 6);
            assertThat(typesOf(dealEvents, id)).containsExactly(EventType.DEAL_CREATED.id(), EventType.DEAL_UPDATED.id(),
                    EventType.DEAL_COSELL_REQUESTED.id(), EventType.DEAL_ENGAGEMENT_CHANGED.id(),
                    EventType.DEAL_ENGAGEMENT_CHANGED.id(), EventType.DEAL_WON.id());
            assertThat(body(api.get("/api/opportunities?tab=archived", seller)).get("items").get(0).get("id").asString())
                    .isEqualTo(id.toString());
            assertThat(body(api.get("/api/opportunities?tab=favorites", seller)).get("total").asLong()).isEqualTo(1);
        }
    }

    private static List<String> typesOf(TopicRecorder recorder, UUID id) {
        return recorder.all().stream()
                .filter(record -> id.toString().equals(record.key()))
                .map(record -> event(record).get("type").asString())
                .toList();
    }
}
