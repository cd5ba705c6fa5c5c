package org.cosell.deal;

import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.newDeal;

/** docs/api.md: any id of another partner answers 404 exactly as an unknown id does, on every endpoint that takes one. */
@CosellServiceTest
class PartnerScopeIT {

    @LocalServerPort
    int port;

    @Test
    void everyEndpointAnswersAnotherPartnersIdExactlyAsAnUnknownOne() {
        DealApi api = new DealApi(port);
        TestUser owner = TestUser.partnerAdmin(DealApi.uniquePartnerId());
        TestUser stranger = TestUser.partnerAdmin(DealApi.uniquePartnerId());
        String dealId = api.createdDeal(owner, newDeal("Owner's deal")).get("id").asString();
        String solutionId = body(api.post("/api/solutions", owner,
                JSON.readTree("{\"name\": \"Owner's solution " + UUID.randomUUID() + "\"}"))).get("id").asString();
        JsonNode help = JSON.readTree("{\"notes\": \"Help\", \"consentToShareContact\": true}");

        Map<String, Function<String, HttpResponse<String>>> endpoints = new LinkedHashMap<>();
        endpoints.put("GET opportunity", id -> api.get("/api/opportunities/" + id, stranger));
        endpoints.put("PUT favorite", id -> api.put("/api/opportunities/" + id + "/favorite", stranger));
        endpoints.put("DELETE favorite", id -> api.delete("/api/opportunities/" + id + "/favorite", stranger));
        endpoints.put("PATCH deal", id -> api.patch(UUID.fromString(id), stranger, "\"0\"", JSON.readTree("{\"name\": \"x\"}")));
        endpoints.put("POST cosell-request", id -> api.post("/api/deals/" + id + "/cosell-request", stranger, help));
        endpoints.put("POST won", id -> api.post("/api/deals/" + id + "/won", stranger, null));
        endpoints.put("POST lost", id -> api.post("/api/deals/" + id + "/lost", stranger, null));

        String unknownId = UUID.randomUUID().toString();
        endpoints.forEach((endpoint, call) -> {
            HttpResponse<String> foreign = call.apply(dealId);
            HttpResponse<String> unknown = call.apply(unknownId);
            assertThat(foreign.statusCode()).as(endpoint).isEqualTo(404);
            assertThat(unknown.statusCode()).as(endpoint).isEqualTo(404);
            assertThat(body(foreign).get("title")).as(endpoint).isEqualTo(body(unknown).get("title"));
            assertThat(foreign.headers().firstValue("Content-Type")).as(endpoint)
                    .isEqualTo(unknown.headers().firstValue("Content-Type"));
        });
        assertThat(api.get("/api/solutions/" + solutionId, stranger).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/solutions/sol-" + UUID.randomUUID(), stranger).statusCode()).isEqualTo(404);

        JsonNode untouched = api.opportunity(UUID.fromString(dealId), owner);
        assertThat(untouched.get("version").asLong()).isZero();
        assertThat(untouched.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(untouched.get("favorite").asBoolean()).isFalse();
        assertThat(body(api.get("/api/opportunities?tab=favorites", stranger)).get("total").asLong()).isZero();
    }
}
