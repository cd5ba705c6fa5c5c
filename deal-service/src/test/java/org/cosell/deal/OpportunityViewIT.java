package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CosellServiceTest
class OpportunityViewIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final TestJwtIssuer tokens = TestJwtIssuer.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aReceivedReferralShowsInItsPartnersInboundTabAndNowhereElse() {
        String partnerId = uniquePartnerId();
        UUID opportunityId = UUID.randomUUID();
        TestUser owner = TestUser.referralsAdmin(partnerId);
        TestUser stranger = TestUser.referralsAdmin(uniquePartnerId());

        kafka.send(Topics.REFERRAL_EVENTS, opportunityId.toString(), received(opportunityId, partnerId, "Northwind rollout"));

        JsonNode page = await().atMost(TIMEOUT).until(
                () -> JSON.readTree(get("/api/opportunities?tab=inbound", owner).body()),
                body -> body.get("total").asLong() == 1);
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo(opportunityId.toString());
        assertThat(item.get("stage").asString()).isEqualTo("RECEIVED");
        assertThat(item.get("origin").asString()).isEqualTo("INBOUND");
        assertThat(item.get("type").asString()).isEqualTo("CO_SELL");
        assertThat(item.get("name").asString()).isEqualTo("Northwind rollout");
        assertThat(item.get("respondBy").asString()).isEqualTo("2026-12-08T10:00:01Z");
        assertThat(item.get("sender").get("kind").asString()).isEqualTo("MICROSOFT");
        assertThat(item.get("favorite").asBoolean()).isFalse();

        assertThat(JSON.readTree(get("/api/opportunities?tab=inbound", stranger).body()).get("total").asLong()).isZero();
        assertThat(JSON.readTree(get("/api/opportunities?tab=archived", owner).body()).get("total").asLong()).isZero();
        assertThat(JSON.readTree(get("/api/opportunities?tab=outbound", owner).body()).get("total").asLong()).isZero();
    }

    @Test
    void oneOpportunityCarriesItsVersionAsETagAndIsNotFoundForAnotherPartner() {
        String partnerId = uniquePartnerId();
        UUID opportunityId = UUID.randomUUID();
        kafka.send(Topics.REFERRAL_EVENTS, opportunityId.toString(), received(opportunityId, partnerId, "Fabrikam"));
        TestUser owner = TestUser.referralsAdmin(partnerId);

        HttpResponse<String> response = await().atMost(TIMEOUT)
                .until(() -> get("/api/opportunities/" + opportunityId, owner), answer -> answer.statusCode() == 200);

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("ETag")).contains("\"" + body.get("version").asLong() + "\"");
        HttpResponse<String> foreign = get("/api/opportunities/" + opportunityId, TestUser.partnerAdmin(uniquePartnerId()));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(get("/api/opportunities/" + UUID.randomUUID(), owner).statusCode()).isEqualTo(404);
    }

    @Test
    void aReplayedReceivedEventChangesNothing() {
        String partnerId = uniquePartnerId();
        UUID opportunityId = UUID.randomUUID();
        String event = received(opportunityId, partnerId, "Replay");
        TestUser owner = TestUser.referralsAdmin(partnerId);

        kafka.send(Topics.REFERRAL_EVENTS, opportunityId.toString(), event);
        String first = await().atMost(TIMEOUT)
                .until(() -> get("/api/opportunities/" + opportunityId, owner), answer -> answer.statusCode() == 200).body();
        kafka.send(Topics.REFERRAL_EVENTS, opportunityId.toString(), event);
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.REFERRAL_EVENTS, marker, received(UUID.fromString(marker), partnerId, "Marker"));
        await().atMost(TIMEOUT).until(() -> get("/api/opportunities/" + marker, owner).statusCode() == 200);

        assertThat(get("/api/opportunities/" + opportunityId, owner).body()).isEqualTo(first);
        assertThat(JSON.readTree(get("/api/opportunities?tab=inbound", owner).body()).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void searchesDealAndCustomerNamesAndPages() {
        String partnerId = uniquePartnerId();
        TestUser owner = TestUser.referralsAdmin(partnerId);
        for (String name : new String[] {"Alpha cloud", "Beta (cloud)", "Gamma"}) {
            UUID id = UUID.randomUUID();
            kafka.send(Topics.REFERRAL_EVENTS, id.toString(), received(id, partnerId, name));
        }
        await().atMost(TIMEOUT).until(() -> JSON.readTree(get("/api/opportunities?tab=inbound", owner).body())
                .get("total").asLong() == 3);

        JsonNode cloud = JSON.readTree(get("/api/opportunities?tab=inbound&q=(CLOUD&sort=name,asc", owner).body());
        assertThat(cloud.get("total").asLong()).isEqualTo(1);
        assertThat(cloud.get("items").get(0).get("name").asString()).isEqualTo("Beta (cloud)");
        JsonNode byCustomer = JSON.readTree(get("/api/opportunities?tab=inbound&q=contoso", owner).body());
        assertThat(byCustomer.get("total").asLong()).isEqualTo(3);
        JsonNode secondPage = JSON.readTree(get("/api/opportunities?tab=inbound&size=2&page=1&sort=name,asc", owner).body());
        assertThat(secondPage.get("items")).hasSize(1);
        assertThat(secondPage.get("items").get(0).get("name").asString()).isEqualTo("Gamma");
        assertThat(secondPage.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void badParametersAnswer400ProblemsAndNoTokenAnswers401() {
        TestUser user = TestUser.referralsAdmin(uniquePartnerId());

        for (String query : new String[] {"tab=everything", "sort=partnerId", "size=0", "size=1000", "page=-1",
                "stage=SOLD", "page=x"}) {
            HttpResponse<String> response = get("/api/opportunities?" + query, user);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("errors")).as(query).isNotEmpty();
        }
        assertThat(get("/api/opportunities/not-a-uuid", user).statusCode()).isEqualTo(400);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/opportunities")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/api/opportunities"))
                .header("Authorization", "Bearer " + tokens.tokenSignedByAnotherKey(user)).build());
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenOfTheTrustedKeyFromAnotherIssuerAnswers401() {
        TestUser user = TestUser.referralsAdmin(uniquePartnerId());
        String wrongIssuer = "Bearer " + tokens.tokenFromAnotherIssuer(user, "https://login.evil.example/");

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/opportunities?tab=inbound"))
                .header("Authorization", wrongIssuer).build());
        HttpResponse<String> write = send(HttpRequest.newBuilder(uri("/api/deals"))
                .header("Authorization", wrongIssuer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DealApi.newDeal("Not from our issuer").toString())).build());

        for (HttpResponse<String> response : List.of(read, write)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
        }
        assertThat(JSON.readTree(get("/api/opportunities?tab=outbound", user).body()).get("total").asLong()).isZero();
    }

    private HttpResponse<String> get(String path, TestUser user) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", tokens.bearer(user)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String received(UUID opportunityId, String partnerId, String dealName) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(EventType.REFERRAL_RECEIVED));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", opportunityId.toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("opportunityId", opportunityId.toString());
        data.put("referralId", "REF-" + opportunityId);
        data.put("partnerId", partnerId);
        ((ObjectNode) data.get("deal")).put("name", dealName);
        return JSON.writeValueAsString(event);
    }

    private static String uniquePartnerId() {
        return Long.toString(1_000_000 + (long) (Math.random() * 8_999_999));
    }
}
