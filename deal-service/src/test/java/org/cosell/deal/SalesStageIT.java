package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.ProblemType;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.etag;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;
import static org.cosell.deal.DealApi.newDeal;

/**
 * The sales stage of an ACCEPTED deal: QUALIFY to start with, moved either way by a merge patch under
 * the If-Match rules of any edit, refused outside ACCEPTED and gone once the deal is won or lost.
 */
@CosellServiceTest
class SalesStageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser user;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
    }

    @Test
    void aNewDealQualifiesFirstAndMovesForwardAndBackAnnouncingEachMove() {
        UUID id = createDeal("Moves along");
        assertThat(api.opportunity(id, user).get("salesStage").asString()).isEqualTo("QUALIFY");

        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            HttpResponse<String> proposed = api.patch(id, user, "\"0\"", salesStage("PROPOSE"));

            assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(200);
            assertThat(etag(proposed)).isEqualTo("\"1\"");
            assertThat(body(proposed).get("salesStage").asString()).isEqualTo("PROPOSE");
            assertThat(body(proposed).get("name").asString()).isEqualTo("Moves along");
            JsonNode updated = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_UPDATED), TIMEOUT)).get("data");
            assertThat(updated.get("salesStage").asString()).isEqualTo("PROPOSE");

            HttpResponse<String> back = api.patch(id, user, "\"1\"", salesStage("DEVELOP"));
            assertThat(body(back).get("salesStage").asString()).isEqualTo("DEVELOP");
            HttpResponse<String> again = api.patch(id, user, "\"2\"", salesStage("DEVELOP"));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(etag(again)).as("moving to the stage the deal is in changes nothing").isEqualTo("\"2\"");

            HttpResponse<String> both = api.patch(id, user, "\"2\"",
                    JSON.readTree("{\"salesStage\": \"CLOSE\", \"notes\": \"Signature next week\"}"));
            assertThat(body(both).get("salesStage").asString()).isEqualTo("CLOSE");
            assertThat(body(both).get("notes").asString()).isEqualTo("Signature next week");
            dealEvents.assertExactly(4, isEvent(id, EventType.DEAL_UPDATED), Duration.ofMillis(500));
        }
        assertThat(api.opportunity(id, user).get("salesStage").asString()).isEqualTo("CLOSE");
    }

    @Test
    void aMoveFollowsTheIfMatchRulesOfAnyEdit() {
        UUID id = createDeal("Guarded");

        HttpResponse<String> missing = api.patch(id, user, null, salesStage("DEVELOP"));
        HttpResponse<String> stale = api.patch(id, user, "\"7\"", salesStage("DEVELOP"));

        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(api.opportunity(id, user).get("salesStage").asString()).isEqualTo("QUALIFY");
        assertThat(api.patch(id, TestUser.referralsAdmin(DealApi.uniquePartnerId()), "\"0\"", salesStage("DEVELOP"))
                .statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"salesStage\": \"WINNING\"}", "{\"salesStage\": \"propose\"}", "{\"salesStage\": 2}",
            "{\"salesStage\": null}", "{\"salesStage\": \"\"}"})
    void anUnknownOrRemovedSalesStageIs400NamingTheField(String patch) {
        UUID id = createDeal("Valid stages only");

        assertThat(errorFields(api.patch(id, user, "\"0\"", JSON.readTree(patch)))).containsExactly("salesStage");
        assertThat(errorFields(api.patch(id, user, "\"0\"", JSON.readTree(patch.replace("}", ", \"stage\": \"WON\"}")))))
                .containsExactlyInAnyOrder("salesStage", "stage");
        assertThat(api.opportunity(id, user).get("version").asLong()).isZero();
    }

    @Test
    void outsideAcceptedThereIsNoSalesStageAndMovingItIsAStageConflict() {
        UUID lost = createDeal("Lost in qualify");
        assertThat(api.patch(lost, user, "\"0\"", salesStage("PROPOSE")).statusCode()).isEqualTo(200);
        HttpResponse<String> closed = api.post("/api/deals/" + lost + "/lost", user, null);
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(body(closed).has("salesStage")).isFalse();

        HttpResponse<String> afterLoss = api.patch(lost, user, etag(closed), salesStage("CLOSE"));

        assertThat(afterLoss.statusCode()).isEqualTo(409);
        assertThat(body(afterLoss).get("type").asString()).isEqualTo(ProblemType.STAGE_CONFLICT.uri().toString());
        assertThat(body(afterLoss).get("detail").asString()).contains("LOST");

        UUID won = createDeal("Won in close");
        assertThat(api.patch(won, user, "\"0\"", salesStage("CLOSE")).statusCode()).isEqualTo(200);
        assertThat(body(api.post("/api/deals/" + won + "/won", user, null)).has("salesStage")).isFalse();
    }

    @Test
    void aReferralHasNoSalesStageUntilAcceptedAndThenQualifies() {
        UUID inbound = UUID.randomUUID();
        ReferralEvents referral = new ReferralEvents(inbound, user.partnerId());
        kafka.send(Topics.REFERRAL_EVENTS, inbound.toString(), referral.received("Suggested"));
        await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + inbound, user).statusCode() == 200);
        assertThat(api.opportunity(inbound, user).has("salesStage")).isFalse();

        HttpResponse<String> tooEarly = api.patch(inbound, user, "\"0\"", salesStage("DEVELOP"));
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(body(tooEarly).get("detail").asString()).contains("RECEIVED");

        kafka.send(Topics.REFERRAL_EVENTS, inbound.toString(), referral.accepted("Accepted"));
        JsonNode accepted = await().atMost(TIMEOUT).until(() -> api.opportunity(inbound, user),
                deal -> deal.get("stage").asString().equals("ACCEPTED"));
        assertThat(accepted.get("salesStage").asString()).isEqualTo("QUALIFY");
        HttpResponse<String> developed = api.patch(inbound, user, "\"" + accepted.get("version").asLong() + "\"",
                salesStage("DEVELOP"));
        assertThat(body(developed).get("salesStage").asString()).isEqualTo("DEVELOP");
    }

    @Test
    void theSalesStageStaysThroughEditsAndCosellRequests() {
        UUID id = createDeal("Keeps its stage");
        assertThat(api.patch(id, user, "\"0\"", salesStage("PROPOSE")).statusCode()).isEqualTo(200);
        assertThat(api.patch(id, user, "\"1\"", JSON.readTree("{\"name\": \"Renamed\"}")).statusCode()).isEqualTo(200);
        HttpResponse<String> requested = api.post("/api/deals/" + id + "/cosell-request", user,
                JSON.readTree("{\"notes\": \"Need an Azure architect\", \"consentToShareContact\": true}"));

        assertThat(body(requested).get("salesStage").asString()).isEqualTo("PROPOSE");
        assertThat(body(requested).get("name").asString()).isEqualTo("Renamed");
    }

    private UUID createDeal(String name) {
        return UUID.fromString(api.createdDeal(user, newDeal(name)).get("id").asString());
    }

    private static JsonNode salesStage(String salesStage) {
        return JSON.readTree("{\"salesStage\": \"" + salesStage + "\"}");
    }
}
