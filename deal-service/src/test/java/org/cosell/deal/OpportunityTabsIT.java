package org.cosell.deal;

import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.unregisteredDeal;

/** The opportunity tabs of docs/api.md over inbound and outbound opportunities, and each user's favorites. */
@CosellServiceTest
class OpportunityTabsIT {

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
    void eachTabShowsWhatTheSpecSays() {
        UUID received = inbound("Inbound received", false, false);
        UUID accepted = inbound("Inbound accepted", true, false);
        UUID declined = inbound("Inbound declined", false, true);
        UUID open = outbound(unregisteredDeal("Outbound open"));
        UUID won = outbound(unregisteredDeal("Outbound won"));
        UUID lost = outbound(unregisteredDeal("Outbound lost"));
        assertThat(api.post("/api/deals/" + won + "/won", user, null).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/deals/" + lost + "/lost", user, null).statusCode()).isEqualTo(200);
        assertThat(api.put("/api/opportunities/" + received + "/favorite", user).statusCode()).isEqualTo(204);
        assertThat(api.put("/api/opportunities/" + won + "/favorite", user).statusCode()).isEqualTo(204);

        assertThat(ids("tab=inbound")).containsExactlyInAnyOrder(received, accepted);
        assertThat(ids("tab=outbound")).containsExactly(open);
        assertThat(ids("tab=archived")).containsExactlyInAnyOrder(declined, won, lost);
        assertThat(ids("tab=favorites")).containsExactlyInAnyOrder(received, won);
        assertThat(ids("tab=archived&stage=WON")).containsExactly(won);
        assertThat(ids("tab=favorites&stage=RECEIVED")).containsExactly(received);
        assertThat(ids("tab=archived&q=OUTBOUND&sort=name,asc")).containsExactly(lost, won);
        assertThat(ids("tab=FAVORITES&q=contoso")).containsExactlyInAnyOrder(received, won);
        assertThat(body(api.get("/api/opportunities/counts", user)))
                .isEqualTo(DealApi.JSON.readTree("{\"inbound\":2,\"outbound\":1,\"favorites\":2,\"archived\":3}"));

        JsonNode archived = body(api.get("/api/opportunities?tab=archived&sort=name,asc", user));
        assertThat(archived.get("total").asLong()).isEqualTo(3);
        List<Boolean> favoriteFlags = new ArrayList<>();
        archived.get("items").forEach(item -> favoriteFlags.add(item.get("favorite").asBoolean()));
        assertThat(favoriteFlags).containsExactly(false, false, true);
        JsonNode page = body(api.get("/api/opportunities?tab=archived&sort=name,asc&size=1&page=2", user));
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(won.toString());
        assertThat(api.get("/api/opportunities?tab=favorites&size=101", user).statusCode()).isEqualTo(400);
    }

    @Test
    void favoritesArePerUserIdempotentAndLeaveTheOpportunityAsItIs() {
        UUID id = outbound(newDeal("Shared deal"));
        TestUser colleague = TestUser.partnerAdmin(user.partnerId());
        String favorite = "/api/opportunities/" + id + "/favorite";

        assertThat(api.put(favorite, user).statusCode()).isEqualTo(204);
        assertThat(api.put(favorite, user).statusCode()).isEqualTo(204);

        assertThat(api.opportunity(id, user).get("favorite").asBoolean()).isTrue();
        assertThat(api.opportunity(id, colleague).get("favorite").asBoolean()).isFalse();
        assertThat(api.opportunity(id, user).get("version").asLong()).isZero();
        assertThat(ids("tab=favorites")).containsExactly(id);
        assertThat(body(api.get("/api/opportunities?tab=favorites", colleague)).get("total").asLong()).isZero();
        assertThat(body(api.get("/api/opportunities/counts", colleague)).get("favorites").asLong()).isZero();
        assertThat(body(api.get("/api/opportunities/counts", user)).get("favorites").asLong()).isOne();
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("items").get(0).get("favorite").asBoolean())
                .isTrue();
        assertThat(body(api.get("/api/opportunities?tab=outbound", colleague)).get("items").get(0).get("favorite")
                .asBoolean()).isFalse();

        assertThat(api.delete(favorite, user).statusCode()).isEqualTo(204);
        assertThat(api.delete(favorite, user).statusCode()).isEqualTo(204);
        assertThat(api.opportunity(id, user).get("favorite").asBoolean()).isFalse();
        assertThat(ids("tab=favorites")).isEmpty();
    }

    @Test
    void anotherPartnersOrAnUnknownOpportunityCannotBeAFavorite() {
        UUID id = outbound(newDeal("Not yours"));
        TestUser stranger = TestUser.partnerAdmin(DealApi.uniquePartnerId());

        assertThat(api.put("/api/opportunities/" + id + "/favorite", stranger).statusCode()).isEqualTo(404);
        assertThat(api.delete("/api/opportunities/" + id + "/favorite", stranger).statusCode()).isEqualTo(404);
        assertThat(api.put("/api/opportunities/" + UUID.randomUUID() + "/favorite", user).statusCode()).isEqualTo(404);
        assertThat(body(api.get("/api/opportunities?tab=favorites", stranger)).get("total").asLong()).isZero();
        assertThat(body(api.get("/api/opportunities/counts", stranger)))
                .isEqualTo(DealApi.JSON.readTree("{\"inbound\":0,\"outbound\":0,\"favorites\":0,\"archived\":0}"));
    }

    private List<UUID> ids(String query) {
        JsonNode page = body(api.get("/api/opportunities?size=100&" + query, user));
        List<UUID> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }

    private UUID outbound(JsonNode body) {
        return UUID.fromString(api.createdDeal(user, body).get("id").asString());
    }

    private UUID inbound(String name, boolean accept, boolean decline) {
        UUID id = UUID.randomUUID();
        ReferralEvents referral = new ReferralEvents(id, user.partnerId());
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), referral.received(name));
        String stage = "RECEIVED";
        if (accept) {
            kafka.send(Topics.REFERRAL_EVENTS, id.toString(), referral.accepted(name));
            stage = "ACCEPTED";
        } else if (decline) {
            kafka.send(Topics.REFERRAL_EVENTS, id.toString(), referral.declined());
            stage = "DECLINED";
        }
        String expected = stage;
        await().atMost(TIMEOUT).until(() -> api.opportunity(id, user).path("stage").asString("").equals(expected));
        return id;
    }
}
