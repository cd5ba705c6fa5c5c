package org.cosell.deal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.ProblemType;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.unregisteredDeal;

/** Won and lost: terminal, announced, and exactly one outcome per opportunity. */
@CosellServiceTest
class DealOutcomeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonNode REGISTRATION = JSON.readTree("""
            {"registration": {"finalValue": {"amount": "31000.00", "currency": "EUR"},
                              "contractSignedDate": "2026-01-15", "customerTenantId": "tenant-1",
                              "notes": "Three-year agreement"}}
            """);

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser user;
    private TopicRecorder outcomes;
    private TopicRecorder dealEvents;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        outcomes = kafka.records(Topics.DEAL_OUTCOMES);
        dealEvents = kafka.records(Topics.DEAL_EVENTS);
    }

    @AfterEach
    void tearDown() {
        outcomes.close();
        dealEvents.close();
    }

    @Test
    void winningEndsTheDealAndAnnouncesItWithTheOneOutcome() {
        UUID id = createDeal(unregisteredDeal("Won deal"));

        HttpResponse<String> response = api.post(won(id), user, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
        JsonNode deal = body(response);
        assertThat(deal.get("stage").asString()).isEqualTo("WON");
        assertThat(deal.get("closing").has("closedAt")).isTrue();
        JsonNode dealWon = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_WON), TIMEOUT)).get("data");
        assertThat(dealWon.get("partnerId").asString()).isEqualTo(user.partnerId());
        JsonNode outcome = event(outcomes.awaitRecord(isEvent(id, EventType.OPPORTUNITY_OUTCOME), TIMEOUT)).get("data");
        assertThat(outcome.get("outcome").asString()).isEqualTo("WON");
        assertThat(outcome.get("origin").asString()).isEqualTo("OUTBOUND");
        assertThat(outcome.get("referralId").isNull()).isTrue();
        assertThat(outcome.get("dealName").asString()).isEqualTo("Won deal");
        assertThat(outcome.get("estimatedValue").get("amount").asString()).isEqualTo("30000.00");
        assertThat(outcome.get("solutions").get(0).get("id").asString()).isEqualTo("sol-power-bi");
        assertThat(api.get("/api/opportunities?tab=archived", user).body()).contains(id.toString());
        assertThat(api.get("/api/opportunities?tab=outbound", user).body()).doesNotContain(id.toString());
    }

    @Test
    void aRegistrationEligibleSolutionNeedsARegistrationToWin() {
        UUID id = createDeal(newDeal("Registered deal"));

        HttpResponse<String> withoutRegistration = api.post(won(id), user, JSON.createObjectNode());
        assertThat(errorFields(withoutRegistration)).containsExactly("registration");
        assertThat(errorFields(api.post(won(id), user, JSON.readTree("{\"registration\": {\"notes\": \"x\"}}"))))
                .contains("registration.finalValue", "registration.contractSignedDate");
        assertThat(api.opportunity(id, user).get("stage").asString()).isEqualTo("ACCEPTED");

        HttpResponse<String> registered = api.post(won(id), user, REGISTRATION);

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(body(registered).get("closing").get("registration").get("customerTenantId").asString())
                .isEqualTo("tenant-1");
        JsonNode outcome = event(outcomes.awaitRecord(isEvent(id, EventType.OPPORTUNITY_OUTCOME), TIMEOUT)).get("data");
        assertThat(outcome.get("registration").get("finalValue").get("amount").asString()).isEqualTo("31000.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01", "0000-12-31", "+999999999-12-31", "+10000-01-01"})
    void aContractSignedDateOutsideFourDigitYearsAnswers400NamingIt(String date) {
        UUID id = createDeal(newDeal("Signed when?"));

        HttpResponse<String> response = api.post(won(id), user, registrationSigned(date));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(errorFields(response)).contains("registration.contractSignedDate");
        assertThat(api.opportunity(id, user).get("stage").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void theFirstFourDigitDateIsStored() {
        UUID id = createDeal(newDeal("Signed long ago"));

        HttpResponse<String> response = api.post(won(id), user, registrationSigned("0001-01-01"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.opportunity(id, user).get("closing").get("registration").get("contractSignedDate").asString())
                .isEqualTo("0001-01-01");
    }

    @Test
    void aPartnersOwnRegistrationEligibleSolutionCountsToo() {
        TestUser admin = TestUser.partnerAdmin(user.partnerId());
        JsonNode own = body(api.post("/api/solutions", admin,
                JSON.readTree("{\"name\": \"Fabrikam Secure Cloud " + UUID.randomUUID() + "\", \"registrationEligible\": true}")));
        var deal = unregisteredDeal("Own solution");
        deal.putArray("solutions").addObject().put("id", own.get("id").asString()).put("name", own.get("name").asString())
                .put("type", "PARTNER");
        UUID id = createDeal(deal);

        assertThat(errorFields(api.post(won(id), user, null))).containsExactly("registration");
        assertThat(api.post(won(id), user, REGISTRATION).statusCode()).isEqualTo(200);
    }

    @Test
    void losingTakesAReasonFromTheSpecList() {
        UUID id = createDeal(newDeal("Lost deal"));

        assertThat(errorFields(api.post(lost(id), user, JSON.readTree("{\"reason\": \"BORED\"}")))).containsExactly("reason");
        HttpResponse<String> response = api.post(lost(id), user,
                JSON.readTree("{\"reason\": \"LOST_TO_COMPETITOR\", \"notes\": \"Price\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("stage").asString()).isEqualTo("LOST");
        assertThat(body(response).get("closing").get("lostReason").asString()).isEqualTo("LOST_TO_COMPETITOR");
        JsonNode dealLost = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_LOST), TIMEOUT)).get("data");
        assertThat(dealLost.get("reason").asString()).isEqualTo("LOST_TO_COMPETITOR");
        JsonNode outcome = event(outcomes.awaitRecord(isEvent(id, EventType.OPPORTUNITY_OUTCOME), TIMEOUT)).get("data");
        assertThat(outcome.get("outcome").asString()).isEqualTo("LOST");
        assertThat(outcome.get("reason").asString()).isEqualTo("LOST_TO_COMPETITOR");
        assertThat(outcome.get("notes").asString()).isEqualTo("Price");
        assertThat(api.post(lost(createDeal(newDeal("Lost without reason"))), user, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTerminalDealRefusesEveryChangeWith409ButStaysAFavorite() {
        UUID id = createDeal(unregisteredDeal("Finished"));
        assertThat(api.post(won(id), user, null).statusCode()).isEqualTo(200);

        HttpResponse<String> edit = api.patch(id, user, "\"1\"", JSON.readTree("{\"name\": \"After the fact\"}"));
        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(body(edit).get("type").asString()).isEqualTo(ProblemType.STAGE_CONFLICT.uri().toString());
        assertThat(body(edit).get("detail").asString()).contains("WON");
        assertThat(api.post("/api/deals/" + id + "/cosell-request", user,
                JSON.readTree("{\"notes\": \"Help\", \"consentToShareContact\": true}")).statusCode()).isEqualTo(409);
        HttpResponse<String> wonAgain = api.post(won(id), user, null);
        assertThat(wonAgain.statusCode()).isEqualTo(409);
        assertThat(body(wonAgain).get("detail").asString()).contains("WON");
        HttpResponse<String> lostAfterWon = api.post(lost(id), user, null);
        assertThat(lostAfterWon.statusCode()).isEqualTo(409);
        assertThat(body(lostAfterWon).get("detail").asString()).contains("WON", "LOST");

        assertThat(api.put("/api/opportunities/" + id + "/favorite", user).statusCode()).isEqualTo(204);
        JsonNode deal = api.opportunity(id, user);
        assertThat(deal.get("favorite").asBoolean()).isTrue();
        assertThat(deal.get("version").asLong()).isEqualTo(1);
        assertThat(deal.get("name").asString()).isEqualTo("Finished");
    }

    @Test
    void racingRetriedAndRedeliveredOutcomesLeaveExactlyOneOutcomePerDeal() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<UUID> raced = new ArrayList<>();
        try {
            for (int round = 0; round < 6; round++) {
                UUID id = createDeal(unregisteredDeal("Raced " + round));
                raced.add(id);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> attempts = List.of(
                        pool.submit(latched(start, () -> api.post(won(id), user, null).statusCode())),
                        pool.submit(latched(start, () -> api.post(lost(id), user, null).statusCode())),
                        pool.submit(latched(start, () -> api.post(won(id), user, null).statusCode())));
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> attempt : attempts) {
                    statuses.add(attempt.get());
                }
                assertThat(statuses).as("round %d", round).containsOnly(200, 409);
                assertThat(statuses.stream().filter(status -> status == 200).count()).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        for (UUID id : raced) {
            assertThat(api.post(won(id), user, null).statusCode()).isEqualTo(409);
            await().atMost(TIMEOUT).until(() -> outcomesOf(id) == 1);
        }
        Set<String> racedKeys = raced.stream().map(UUID::toString).collect(Collectors.toSet());
        outcomes.assertExactly(raced.size(), record -> racedKeys.contains(record.key()), Duration.ofSeconds(1));
    }

    @Test
    void anAcceptedReferralIsWonHereAndARedeliveredAcceptanceChangesNothing() {
        UUID id = UUID.randomUUID();
        ReferralEvents referral = new ReferralEvents(id, user.partnerId());
        String received = referral.received("Suggested");
        String accepted = referral.accepted("Contoso AI rollout");
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), received);
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), accepted);
        await().atMost(TIMEOUT).until(() -> api.opportunity(id, user).path("stage").asString("").equals("ACCEPTED"));

        assertThat(errorFields(api.post(won(id), user, null))).containsExactly("registration");
        HttpResponse<String> response = api.post(won(id), user, REGISTRATION);
        assertThat(response.statusCode()).isEqualTo(200);
        long version = body(response).get("version").asLong();

        JsonNode outcome = event(outcomes.awaitRecord(isEvent(id, EventType.OPPORTUNITY_OUTCOME), TIMEOUT)).get("data");
        assertThat(outcome.get("origin").asString()).isEqualTo("INBOUND");
        assertThat(outcome.get("referralId").asString()).isEqualTo("REF-" + id);
        assertThat(outcome.get("dealName").asString()).isEqualTo("Contoso AI rollout");

        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), received);
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), accepted);
        UUID marker = UUID.randomUUID();
        kafka.send(Topics.REFERRAL_EVENTS, id.toString(), new ReferralEvents(marker, user.partnerId()).received("marker"));
        await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + marker, user).statusCode() == 200);
        JsonNode after = api.opportunity(id, user);
        assertThat(after.get("stage").asString()).isEqualTo("WON");
        assertThat(after.get("version").asLong()).isEqualTo(version);
        assertThat(outcomesOf(id)).isEqualTo(1);
    }

    @Test
    void anotherPartnersOrAnUnknownDealIs404() {
        UUID id = createDeal(unregisteredDeal("Mine"));
        TestUser stranger = TestUser.partnerAdmin(DealApi.uniquePartnerId());

        for (String move : new String[] {"won", "lost"}) {
            HttpResponse<String> foreign = api.post("/api/deals/" + id + "/" + move, stranger, null);
            HttpResponse<String> unknown = api.post("/api/deals/" + UUID.randomUUID() + "/" + move, user, null);
            assertThat(foreign.statusCode()).as(move).isEqualTo(404);
            assertThat(unknown.statusCode()).as(move).isEqualTo(404);
        }
        assertThat(api.opportunity(id, user).get("stage").asString()).isEqualTo("ACCEPTED");
    }

    private long outcomesOf(UUID id) {
        return outcomes.all().stream()
                .filter(record -> id.toString().equals(record.key()))
                .map(ConsumerRecord::value)
                .map(value -> JSON.readTree(value).get("id").asString())
                .distinct()
                .count();
    }

    private UUID createDeal(JsonNode body) {
        return UUID.fromString(api.createdDeal(user, body).get("id").asString());
    }

    private static <T> Callable<T> latched(CountDownLatch start, Callable<T> attempt) {
        return () -> {
            start.await();
            return attempt.call();
        };
    }

    private static String won(UUID id) {
        return "/api/deals/" + id + "/won";
    }

    private static String lost(UUID id) {
        return "/api/deals/" + id + "/lost";
    }

    private static JsonNode registrationSigned(String contractSignedDate) {
        ObjectNode registration = (ObjectNode) REGISTRATION.deepCopy();
        ((ObjectNode) registration.get("registration")).put("contractSignedDate", contractSignedDate);
        return registration;
    }
}
