package org.cosell.deal;

import org.assertj.core.groups.Tuple;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.deal.opportunity.application.OpportunityStore;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;

/**
 * An opportunity's history and notes, told through the topics and the API: who did what, in order,
 * and the notes the partner's people add.
 */
@CosellServiceTest
class OpportunityHistoryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    OpportunityStore store;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private UUID id;
    private String partnerId;
    private TestUser ada;
    private TestUser pat;
    private ReferralEvents referral;

    @BeforeEach
    void newReferral() {
        api = new DealApi(port);
        id = UUID.randomUUID();
        partnerId = DealApi.uniquePartnerId();
        ada = TestUser.referralsAdmin(partnerId);
        pat = TestUser.partnerAdmin(partnerId);
        referral = new ReferralEvents(id, partnerId);
    }

    @Test
    void aReferralWorkedToWonListsEachMoveInOrderWithWhoMadeIt() {
        Instant now = CosellInfrastructureInitializer.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            publish(referral.received("Suggested name", now.minus(Duration.ofHours(2))));
            awaitStage("RECEIVED");
            publish(referral.acceptedBy("Accepted name", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)),
                    ada.sub(), ada.name()));
            JsonNode accepted = awaitStage("ACCEPTED");

            HttpResponse<String> edited = api.patch(id, pat, "\"" + accepted.get("version").asLong() + "\"",
                    JSON.readTree("{\"name\": \"Contoso AI rollout\"}"));
            assertThat(edited.statusCode()).isEqualTo(200);
            HttpResponse<String> staged = api.patch(id, ada, "\"" + body(edited).get("version").asLong() + "\"",
                    JSON.readTree("{\"salesStage\": \"PROPOSE\"}"));
            assertThat(staged.statusCode()).isEqualTo(200);
            HttpResponse<String> noted = note(ada, "Customer wants a demo first");
            assertThat(noted.statusCode()).isEqualTo(201);
            HttpResponse<String> askedForHelp = api.post("/api/deals/" + id + "/cosell-request", pat, JSON.readTree(
                    "{\"notes\": \"Need an Azure architect\", \"consentToShareContact\": true}"));
            assertThat(askedForHelp.statusCode()).isEqualTo(200);
            HttpResponse<String> won = api.post("/api/deals/" + id + "/won", ada, JSON.readTree("""
                    {"registration": {"finalValue": {"amount": "26000.00", "currency": "USD"},
                                      "contractSignedDate": "2026-01-15"}}"""));
            assertThat(won.statusCode()).isEqualTo(200);

            JsonNode activity = activity(ada);
            assertThat(entries(activity)).containsExactly(
                    tuple("RECEIVED", null),
                    tuple("ACCEPTED", ada.sub()),
                    tuple("EDITED", pat.sub()),
                    tuple("SALES_STAGE_CHANGED", ada.sub()),
                    tuple("NOTE_ADDED", ada.sub()),
                    tuple("COSELL_REQUESTED", pat.sub()),
                    tuple("WON", ada.sub()));
            JsonNode edit = activity.get(2);
            assertThat(edit.get("actor").get("name").asString()).isEqualTo(pat.name());
            assertThat(edit.get("changes")).hasSize(1);
            assertThat(edit.get("changes").get(0).get("field").asString()).isEqualTo("name");
            assertThat(edit.get("changes").get(0).get("from").asString()).isEqualTo("Accepted name");
            assertThat(edit.get("changes").get(0).get("to").asString()).isEqualTo("Contoso AI rollout");
            JsonNode stageChange = activity.get(3).get("changes").get(0);
            assertThat(stageChange.get("field").asString()).isEqualTo("salesStage");
            assertThat(stageChange.get("from").asString()).isEqualTo("QUALIFY");
            assertThat(stageChange.get("to").asString()).isEqualTo("PROPOSE");
            assertThat(activity.get(0).has("actor")).as("the system's move shows a null actor").isTrue();
            assertThat(activity.get(0).get("actor").isNull()).isTrue();
            assertThat(activity.get(0).get("at").asString()).isEqualTo(now.minus(Duration.ofHours(2)).toString());
            assertThat(activity.get(0).get("changes")).isEmpty();

            JsonNode updated = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_UPDATED), TIMEOUT));
            assertThat(updated.get("data").get("actor").get("sub").asString()).isEqualTo(pat.sub());
            JsonNode wonEvent = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_WON), TIMEOUT));
            assertThat(wonEvent.get("data").get("actor").get("name").asString()).isEqualTo(ada.name());
            JsonNode requested = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_COSELL_REQUESTED), TIMEOUT));
            assertThat(requested.get("data").get("actor").get("sub").asString()).isEqualTo(pat.sub());
        }
    }

    @Test
    void notesAreListedNewestFirstWithTheirAuthorAndAreNoChangeOfTheDeal() {
        publish(referral.received("Suggested name"));
        JsonNode received = awaitStage("RECEIVED");

        HttpResponse<String> first = note(ada, "Called the customer");
        HttpResponse<String> second = note(pat, "x".repeat(2000));

        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode firstNote = body(first);
        assertThat(firstNote.get("id").asString()).isNotBlank();
        assertThat(firstNote.get("at").asString()).isNotBlank();
        assertThat(firstNote.get("author").get("sub").asString()).isEqualTo(ada.sub());
        assertThat(firstNote.get("author").get("name").asString()).isEqualTo(ada.name());
        assertThat(firstNote.get("text").asString()).isEqualTo("Called the customer");
        assertThat(second.statusCode()).isEqualTo(201);
        JsonNode notes = body(api.get("/api/opportunities/" + id + "/notes", ada)).get("items");
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).get("id").asString()).isEqualTo(body(second).get("id").asString());
        assertThat(notes.get(1)).isEqualTo(firstNote);
        JsonNode after = api.opportunity(id, ada);
        assertThat(after.get("updatedAt")).isEqualTo(received.get("updatedAt"));
        assertThat(after.get("version").asLong()).isEqualTo(received.get("version").asLong() + 2);
    }

    @Test
    void aNoteMustSaySomethingAndAtMostTwoThousandCharacters() {
        publish(referral.received("Suggested name"));
        awaitStage("RECEIVED");

        assertThat(errorFields(note(ada, ""))).containsExactly("text");
        assertThat(errorFields(note(ada, "   "))).containsExactly("text");
        assertThat(errorFields(note(ada, "x".repeat(2001)))).containsExactly("text");
        assertThat(errorFields(api.post("/api/opportunities/" + id + "/notes", ada, JSON.readTree("{}"))))
                .containsExactly("text");
        assertThat(body(api.get("/api/opportunities/" + id + "/notes", ada)).get("items")).isEmpty();
    }

    @Test
    void anOpportunityHoldingItsCapOfNotesRefusesAnotherAsAConflict() {
        Opportunity deal = Opportunity.create(id, partnerId, DealFixtures.customer(), DealFixtures.terms(), null,
                DealFixtures.ACTOR, DealFixtures.NOW, DealFixtures.ENGAGEMENT_WINDOW);
        for (int i = 0; i < Opportunity.MAX_NOTES; i++) {
            deal.addNote("Note " + i, DealFixtures.ACTOR, DealFixtures.NOW.plusSeconds(i));
        }
        store.insertSkippingDuplicates(List.of(deal));

        HttpResponse<String> oneTooMany = note(ada, "One too many");

        assertThat(oneTooMany.statusCode()).isEqualTo(409);
        assertThat(body(oneTooMany).get("type").asString()).isEqualTo("urn:cosell:problem:conflict");
        assertThat(body(api.get("/api/opportunities/" + id + "/notes", ada)).get("items"))
                .hasSize(Opportunity.MAX_NOTES);
    }

    @Test
    void aDeclinedReferralShowsItsReasonAndNotesAndTheSendersNotesAndTakesNoMoreNotes() {
        publish(referral.received("Suggested name"));
        awaitStage("RECEIVED");
        publish(referral.declinedBy("OTHER", "Outside our region", ada.sub(), ada.name()));

        JsonNode declined = awaitStage("DECLINED");

        assertThat(declined.get("closing").get("reason").asString()).isEqualTo("OTHER");
        assertThat(declined.get("closing").get("notes").asString()).isEqualTo("Outside our region");
        assertThat(declined.get("closing").has("lostReason")).isFalse();
        assertThat(declined.get("referral").get("senderNotes").asString()).isEqualTo("Wants a pilot in Q1");
        assertThat(entries(activity(ada))).containsExactly(tuple("RECEIVED", null), tuple("DECLINED", ada.sub()));
        HttpResponse<String> tooLate = note(ada, "Too late");
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(tooLate.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(tooLate).get("type").asString()).isEqualTo("urn:cosell:problem:stage-conflict");
    }

    @Test
    void theSendersNotesStayAsTheyArrivedAfterTheAcceptanceSettlesItsOwn() {
        publish(referral.received("Suggested name"));
        awaitStage("RECEIVED");
        publish(referral.accepted("Accepted name"));

        JsonNode accepted = awaitStage("ACCEPTED");

        assertThat(accepted.get("notes").asString()).isEqualTo("Pilot first");
        assertThat(accepted.get("referral").get("senderNotes").asString()).isEqualTo("Wants a pilot in Q1");
    }

    @Test
    void anotherPartnersOpportunityHasNoHistoryOrNotesToShowOrTake() {
        publish(referral.received("Suggested name"));
        awaitStage("RECEIVED");
        TestUser stranger = TestUser.referralsAdmin(DealApi.uniquePartnerId());

        assertThat(api.get("/api/opportunities/" + id + "/activity", stranger).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/opportunities/" + id + "/notes", stranger).statusCode()).isEqualTo(404);
        assertThat(note(stranger, "Mine now").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/opportunities/" + UUID.randomUUID() + "/activity", ada).statusCode()).isEqualTo(404);
        assertThat(body(api.get("/api/opportunities/" + id + "/notes", ada)).get("items")).isEmpty();
    }

    @Test
    void aDealCreatedThroughTheApiStartsItsHistoryWithItsCreator() {
        JsonNode deal = api.createdDeal(ada, DealApi.withHelp(DealApi.newDeal("Contoso AI pilot"), "Need an architect"));
        UUID dealId = UUID.fromString(deal.get("id").asString());

        JsonNode history = body(api.get("/api/opportunities/" + dealId + "/activity", ada));

        assertThat(entries(history.get("items"))).containsExactly(tuple("CREATED", ada.sub()), tuple("COSELL_REQUESTED", ada.sub()));
        assertThat(history.get("omitted").asInt()).as("entries let go").isZero();
        HttpResponse<String> lost = api.post("/api/deals/" + dealId + "/lost", pat, JSON.readTree("{\"reason\": \"TIMING\"}"));
        assertThat(lost.statusCode()).isEqualTo(200);
        assertThat(entries(body(api.get("/api/opportunities/" + dealId + "/activity", ada)).get("items")))
                .last().isEqualTo(tuple("LOST", pat.sub()));
    }

    private HttpResponse<String> note(TestUser user, String text) {
        return api.post("/api/opportunities/" + id + "/notes", user,
                JSON.createObjectNode().put("text", text));
    }

    private JsonNode activity(TestUser user) {
        HttpResponse<String> response = api.get("/api/opportunities/" + id + "/activity", user);
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response).get("items");
    }

    /** Each entry's kind and the {@code sub} of its actor ({@code null} for the system). */
    private static List<Tuple> entries(JsonNode activity) {
        List<Tuple> entries = new ArrayList<>();
        activity.forEach(entry -> entries.add(tuple(entry.get("kind").asString(),
                entry.get("actor").isNull() ? null : entry.get("actor").get("sub").asString())));
        return entries;
    }

    private void publish(String event) {
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), event);
    }

    private JsonNode awaitStage(String stage) {
        return body(await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + id, ada),
                response -> response.statusCode() == 200 && body(response).get("stage").asString().equals(stage)));
    }
}
