package org.cosell.deal;

import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The opportunity view follows referral-service's decisions, in order or not, replayed or not. */
@CosellServiceTest
class ReferralProjectionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final HttpClient http = HttpClient.newHttpClient();
    private UUID id;
    private TestUser owner;
    private ReferralEvents events;

    @BeforeEach
    void newOpportunity() {
        id = UUID.randomUUID();
        String partnerId = Long.toString(1_000_000 + (long) (Math.random() * 8_999_999));
        owner = TestUser.referralsAdmin(partnerId);
        events = new ReferralEvents(id, partnerId);
    }

    @Test
    void anAcceptedReferralStaysInTheInboundTabAsADealWithTheAcceptedTerms() {
        publish(events.received("Suggested name"));
        awaitStage("RECEIVED");

        publish(events.accepted("Accepted name"));

        JsonNode deal = awaitStage("ACCEPTED");
        assertThat(deal.get("name").asString()).isEqualTo("Accepted name");
        assertThat(deal.get("crmId").asString()).isEqualTo("CRM-1001");
        assertThat(deal.get("employees").get(0).get("email").asString()).isEqualTo("pat@fabrikam.example");
        assertThat(deal.has("respondBy")).isFalse();
        assertThat(deal.get("version").asLong()).isEqualTo(1);
        assertThat(tab("inbound")).contains(id.toString());
        assertThat(tab("archived")).doesNotContain(id.toString());
    }

    @Test
    void aDeclinedReferralMovesToTheArchivedTab() {
        publish(events.received("Declined one"));
        awaitStage("RECEIVED");

        publish(events.declined());

        awaitStage("DECLINED");
        assertThat(tab("archived")).contains(id.toString());
        assertThat(tab("inbound")).doesNotContain(id.toString());
    }

    @Test
    void anExpiredReferralMovesToTheArchivedTab() {
        publish(events.received("Expired one"));
        publish(events.expired());

        JsonNode expired = awaitStage("EXPIRED");
        assertThat(expired.get("name").asString()).isEqualTo("Expired one");
        assertThat(tab("archived")).contains(id.toString());
    }

    @Test
    void anAcceptanceThatOvertakesTheArrivalIsNotLostAndTheLateArrivalOnlyTellsTheSendersNotes() {
        publish(events.accepted("Accepted first"));
        JsonNode accepted = awaitStage("ACCEPTED");
        assertThat(accepted.get("referral").has("senderNotes")).isFalse();

        publish(events.received("Late suggestion"));
        publish(events.declined());
        awaitQuiet();

        JsonNode after = opportunity();
        assertThat(after.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(after.get("name").asString()).isEqualTo("Accepted first");
        assertThat(after.get("notes").asString()).isEqualTo(accepted.get("notes").asString());
        assertThat(after.get("referral").get("senderNotes").asString()).isEqualTo("Wants a pilot in Q1");
        assertThat(after.get("version").asLong()).isEqualTo(accepted.get("version").asLong() + 1);
    }

    @Test
    void aDeclineThatOvertakesTheArrivalKeepsTheOpportunityArchivedAndTheArrivalFillsInItsDetails() {
        publish(events.declined());
        awaitStage("DECLINED");

        publish(events.received("Arrived late"));

        JsonNode filled = await().atMost(TIMEOUT).until(this::opportunity, body -> body.has("name"));
        assertThat(filled.get("stage").asString()).isEqualTo("DECLINED");
        assertThat(filled.get("name").asString()).isEqualTo("Arrived late");
        assertThat(filled.get("customer").get("name").asString()).isEqualTo("Contoso Ltd");
        assertThat(filled.has("respondBy")).isFalse();
    }

    @Test
    void replayedDecisionsChangeNothing() {
        String received = events.received("Replayed");
        String accepted = events.accepted("Replayed deal");
        publish(received);
        publish(accepted);
        JsonNode first = awaitStage("ACCEPTED");

        publish(received);
        publish(accepted);
        awaitQuiet();

        assertThat(opportunity()).isEqualTo(first);
    }

    /** Waits until a marker event published after everything else has been projected. */
    private void awaitQuiet() {
        UUID markerId = UUID.randomUUID();
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), new ReferralEvents(markerId, owner.partnerId()).received("marker"));
        await().atMost(TIMEOUT).until(() -> get("/api/opportunities/" + markerId).statusCode() == 200);
    }

    private void publish(String event) {
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), event);
    }

    private JsonNode awaitStage(String stage) {
        return await().atMost(TIMEOUT).until(this::opportunity,
                body -> body.has("stage") && body.get("stage").asString().equals(stage));
    }

    private JsonNode opportunity() {
        return JSON.readTree(get("/api/opportunities/" + id).body());
    }

    private String tab(String tab) {
        return get("/api/opportunities?size=100&tab=" + tab).body();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", TestJwtIssuer.get().bearer(owner)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
