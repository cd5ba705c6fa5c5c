package org.cosell.referral;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.ProblemType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.DealDetails;
import org.cosell.referral.application.ReferralDecisions;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.referral.application.ReferralStore;
import org.cosell.referral.domain.Referral;
import org.cosell.referral.domain.ReferralStage;
import org.cosell.support.kafka.EventTooLargeException;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@CosellServiceTest
class ReferralDecisionsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The shared clock keeps ticking from where a test sets it; a test takes seconds at most. */
    private static final Offset<Double> CLOCK_TICKING = within(10.0);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> DECISIONS = Set.of(EventType.REFERRAL_ACCEPTED.id(),
            EventType.REFERRAL_DECLINED.id(), EventType.REFERRAL_EXPIRED.id());

    @Autowired
    ReferralIntake intake;

    @Autowired
    ReferralDecisions decisions;

    @Autowired
    ReferralStore referrals;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final TestJwtIssuer tokens = TestJwtIssuer.get();
    private final HttpClient http = HttpClient.newHttpClient();
    private TopicRecorder referralEvents;
    private TopicRecorder outcomes;
    private String partnerId;
    private TestUser user;

    @BeforeEach
    void setUp() {
        referralEvents = kafka.records(Topics.REFERRAL_EVENTS);
        outcomes = kafka.records(Topics.DEAL_OUTCOMES);
        partnerId = ReferralIntakeIT.uniquePartnerId();
        user = TestUser.referralsAdmin(partnerId);
    }

    @AfterEach
    void tearDown() {
        referralEvents.close();
        outcomes.close();
    }

    @Test
    void acceptingMakesItAcceptedAndAnnouncesTheDealTerms() {
        Referral referral = receivedReferral();

        HttpResponse<String> response = post(referral.id(), "accept", acceptBody(), user);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("stage").asString()).isEqualTo("ACCEPTED");
        JsonNode accepted = event(referralEvents.awaitRecord(isEvent(referral, EventType.REFERRAL_ACCEPTED), TIMEOUT));
        JsonNode deal = accepted.get("data").get("deal");
        assertThat(deal.get("name").asString()).isEqualTo("Contoso AI pilot");
        assertThat(deal.get("estimatedValue").get("amount").asString()).isEqualTo("30000.00");
        assertThat(deal.get("employees").get(0).get("email").asString()).isEqualTo("pat@fabrikam.example");
        assertThat(deal.get("solutions").get(0).get("id").asString()).isEqualTo("sol-1");
        assertThat(accepted.get("data").get("customer").get("name").asString()).isEqualTo("Contoso Ltd");
        assertThat(accepted.get("data").get("actor").get("sub").asString()).isEqualTo(user.sub());
        assertThat(accepted.get("data").get("actor").get("name").asString()).isEqualTo(user.name());
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.ACCEPTED);
        outcomes.assertNoRecord(record -> record.key().equals(referral.id().toString()), Duration.ofMillis(500));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name                  | /name                         | \"\"",
            "name                  | /name                         | \"%201\"",
            "estimatedValue.amount | /estimatedValue/amount        | \"0\"",
            "estimatedValue.amount | /estimatedValue/amount        | \"-5.00\"",
            "estimatedValue.currency | /estimatedValue/currency    | \"DOLLARS\"",
            "estimatedCloseDate    | /estimatedCloseDate           | \"2020-01-01\"",
            "estimatedCloseDate    | /estimatedCloseDate           | null",
            "estimatedCloseDate    | /estimatedCloseDate           | \"+999999999-12-31\"",
            "estimatedCloseDate    | /estimatedCloseDate           | \"+10000-01-01\"",
            "estimatedCloseDate    | /estimatedCloseDate           | \"-999999999-01-01\"",
            "notes                 | /notes                        | \"%5001\"",
            "crmId                 | /crmId                        | \"%101\"",
            "campaignId            | /campaignId                   | \"%101\"",
            "employees             | /employees                    | []",
            "employees[0].name     | /employees/0/name             | \"\"",
            "employees[0].phone    | /employees/0/phone            | null",
            "employees[0].email    | /employees/0/email            | \"pat-at-fabrikam\"",
    })
    void anInvalidAcceptAnswers400NamingTheFieldAndChangesNothing(String field, String pointer, String value) {
        Referral referral = receivedReferral();
        ObjectNode body = acceptBody();
        set(body, pointer, value);

        HttpResponse<String> response = post(referral.id(), "accept", body, user);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field")).contains(field);
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @ParameterizedTest
    // 2,000 employees still fit in the request body limit, so it is the employees rule that refuses them
    @ValueSource(ints = {51, 2_000})
    void anAcceptWithMoreEmployeesThanADealTakesAnswers400AndChangesNothing(int employees) {
        Referral referral = receivedReferral();
        ObjectNode body = acceptBody();
        ArrayNode list = body.putArray("employees");
        for (int i = 0; i < employees; i++) {
            list.addObject().put("name", "Pat " + i).put("phone", "+1 425 555 0199").put("email", "pat" + i + "@fabrikam.example");
        }

        HttpResponse<String> response = post(referral.id(), "accept", body, user);

        assertThat(fields(response)).contains("employees");
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void aDecisionWhoseEventKafkaCouldNeverTakeIsRefusedBeforeAnythingIsStored() {
        Referral referral = receivedReferral();
        List<Contact> employees = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            employees.add(new Contact("Pat Partner " + i, "+1 425 555 0199", "pat" + i + "@fabrikam.example"));
        }
        DealDetails terms = ReferralFixtures.terms();
        DealDetails oversized = new DealDetails(terms.name(), terms.estimatedValue(), terms.estimatedCloseDate(),
                terms.notes(), terms.crmId(), terms.campaignId(), employees, terms.solutions());

        assertThatThrownBy(() -> decisions.accept(partnerId, referral.id(), oversized, ReferralFixtures.ACTOR,
                null))
                .isInstanceOf(EventTooLargeException.class);

        Referral stored = referrals.findById(referral.id()).orElseThrow();
        assertThat(stored.stage()).isEqualTo(ReferralStage.RECEIVED);
        assertThat(decisions.accept(partnerId, referral.id(), terms, ReferralFixtures.ACTOR, null).referral().stage())
                .isEqualTo(ReferralStage.ACCEPTED);
        referralEvents.awaitRecord(isEvent(referral, EventType.REFERRAL_ACCEPTED), TIMEOUT);
    }

    @Test
    void reportsAllInvalidFieldsAtOnceAndMistypedValuesByTheirPath() {
        Referral referral = receivedReferral();

        HttpResponse<String> empty = post(referral.id(), "accept", JSON.createObjectNode(), user);
        assertThat(JSON.readTree(empty.body()).get("errors").findValuesAsString("field"))
                .contains("name", "estimatedValue", "estimatedCloseDate", "employees");

        ObjectNode mistyped = acceptBody();
        mistyped.put("estimatedCloseDate", "next spring");
        HttpResponse<String> response = post(referral.id(), "accept", mistyped, user);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field")).contains("estimatedCloseDate");

        assertThat(send(HttpRequest.newBuilder(uri("/api/referrals/" + referral.id() + "/accept"))
                .header("Authorization", tokens.bearer(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build()).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", ";;;", "text/plain"})
    void aBodyNotDeclaredAsJsonAnswers415ProblemAndChangesNothing(String contentType) {
        Referral referral = receivedReferral();

        for (String move : List.of("accept", "decline")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/referrals/" + referral.id() + "/" + move))
                    .header("Authorization", tokens.bearer(user)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(move.equals("accept") ? acceptBody().toString()
                            : "{\"reason\": \"NOT_A_FIT\"}")).build());

            assertThat(response.statusCode()).as(move).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(415);
        }
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void decliningAnnouncesItAndTheOpportunitysOneOutcome() {
        Referral referral = receivedReferral();

        HttpResponse<String> response = post(referral.id(), "decline",
                JSON.readTree("{\"reason\": \"OTHER\", \"notes\": \"Outside our region\"}"), user);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode declined = event(referralEvents.awaitRecord(isEvent(referral, EventType.REFERRAL_DECLINED), TIMEOUT));
        assertThat(declined.get("data").get("reason").asString()).isEqualTo("OTHER");
        assertThat(declined.get("data").get("actor").get("sub").asString()).isEqualTo(user.sub());
        JsonNode outcome = event(outcomes.awaitRecord(record -> record.key().equals(referral.id().toString()), TIMEOUT));
        assertThat(outcome.get("type").asString()).isEqualTo(EventType.OPPORTUNITY_OUTCOME.id());
        assertThat(outcome.get("data").get("outcome").asString()).isEqualTo("DECLINED");
        assertThat(outcome.get("data").get("reason").asString()).isEqualTo("OTHER");
        assertThat(outcome.get("data").get("notes").asString()).isEqualTo("Outside our region");
        assertThat(outcome.get("data").get("origin").asString()).isEqualTo("INBOUND");
        assertThat(outcome.get("data").get("referralId").asString()).isEqualTo(referral.referralId());
    }

    @Test
    void declineNeedsAKnownReasonAndNotesWithOther() {
        Referral referral = receivedReferral();

        assertThat(fields(post(referral.id(), "decline", JSON.readTree("{\"reason\": \"OTHER\"}"), user))).contains("notes");
        assertThat(fields(post(referral.id(), "decline", JSON.readTree("{\"reason\": \"BORED\"}"), user))).contains("reason");
        assertThat(fields(post(referral.id(), "decline", JSON.readTree("{}"), user))).contains("reason");
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void aDecidedReferralRefusesAnotherAnswerWith409() {
        Referral referral = receivedReferral();
        assertThat(post(referral.id(), "decline", JSON.readTree("{\"reason\": \"NOT_A_FIT\"}"), user).statusCode())
                .isEqualTo(200);

        HttpResponse<String> accept = post(referral.id(), "accept", acceptBody(), user);
        HttpResponse<String> decline = post(referral.id(), "decline", JSON.readTree("{\"reason\": \"NOT_A_FIT\"}"), user);

        assertThat(accept.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(accept.body()).get("detail").asString()).contains("DECLINED", "ACCEPTED");
        assertThat(JSON.readTree(accept.body()).get("type").asString()).isEqualTo(ProblemType.STAGE_CONFLICT.uri().toString());
        assertThat(decline.statusCode()).isEqualTo(409);
    }

    @Test
    void anotherPartnersOrAnUnknownReferralIs404AndAMalformedIdIs400() {
        Referral referral = receivedReferral();
        TestUser stranger = TestUser.partnerAdmin(ReferralIntakeIT.uniquePartnerId());

        assertThat(post(referral.id(), "accept", acceptBody(), stranger).statusCode()).isEqualTo(404);
        assertThat(post(referral.id(), "decline", JSON.readTree("{\"reason\": \"NOT_A_FIT\"}"), stranger).statusCode())
                .isEqualTo(404);
        assertThat(post(UUID.randomUUID(), "accept", acceptBody(), user).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/api/referrals/42/accept"))
                .header("Authorization", tokens.bearer(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(acceptBody().toString())).build()).statusCode()).isEqualTo(400);
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void aTokenOfTheTrustedKeyFromAnotherIssuerAnswers401AndChangesNothing() {
        Referral referral = receivedReferral();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/referrals/" + referral.id() + "/accept"))
                .header("Authorization", "Bearer " + tokens.tokenFromAnotherIssuer(user, "https://login.evil.example/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(acceptBody().toString())).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void aTokenWithoutTheApiAudienceAnswers401AndAUserWithoutARole403AndNeitherChangesAnything() {
        Referral referral = receivedReferral();
        TestUser noRoles = new TestUser("nobody", partnerId, List.of(), "nobody@example.com", "Nobody");

        for (String token : List.of(tokens.tokenWithoutAudience(user), tokens.tokenForAudience(user, "another-api"))) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/referrals/" + referral.id() + "/accept"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(acceptBody().toString())).build());
            assertThat(response.statusCode()).isEqualTo(401);
        }
        for (String move : List.of("accept", "decline")) {
            HttpResponse<String> response = post(referral.id(), move,
                    "accept".equals(move) ? acceptBody() : JSON.readTree("{\"reason\": \"NOT_A_FIT\"}"), noRoles);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void aDueResponseDeadlineOnTheExpiryTopicExpiresAnUnansweredReferralOnce() {
        Referral referral = receivedReferral();
        Referral answered = receivedReferral();
        decisions.accept(partnerId, answered.id(), ReferralFixtures.terms(), ReferralFixtures.ACTOR, null);
        CosellInfrastructureInitializer.clock().set(referral.respondBy().plusSeconds(1));

        kafka.send(Topics.EXPIRY_DUE, referral.id().toString(), expiryDue(referral));
        kafka.send(Topics.EXPIRY_DUE, referral.id().toString(), expiryDue(referral));
        kafka.send(Topics.EXPIRY_DUE, answered.id().toString(), expiryDue(answered));

        JsonNode expired = event(referralEvents.awaitRecord(isEvent(referral, EventType.REFERRAL_EXPIRED), TIMEOUT));
        assertThat(expired.get("data").get("respondBy").asString()).isEqualTo(referral.respondBy().toString());
        JsonNode outcome = event(outcomes.awaitRecord(record -> record.key().equals(referral.id().toString()), TIMEOUT));
        assertThat(outcome.get("data").get("outcome").asString()).isEqualTo("EXPIRED");
        outcomes.assertExactly(1, record -> record.key().equals(referral.id().toString()), Duration.ofSeconds(1));
        outcomes.assertNoRecord(record -> record.key().equals(answered.id().toString()), Duration.ofMillis(200));
        assertThat(referrals.findById(answered.id()).orElseThrow().stage()).isEqualTo(ReferralStage.ACCEPTED);
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.EXPIRED);
    }

    @Test
    void aDeadlineNoticeBeforeTheDeadlineChangesNothing() {
        Referral referral = receivedReferral();

        assertThat(decisions.expire(referral.id())).isFalse();

        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    @Test
    void acceptDeclineAndExpiryRacingOnOneReferralEndInExactlyOneOfThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Referral> raced = new ArrayList<>();
        try {
            for (int round = 0; round < 25; round++) {
                Referral referral = receivedReferral();
                raced.add(referral);
                CosellInfrastructureInitializer.clock().set(referral.respondBy());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> attempts = List.of(
                        pool.submit(latched(start, () -> post(referral.id(), "accept", acceptBody(), user).statusCode())),
                        pool.submit(latched(start, () -> post(referral.id(), "decline",
                                JSON.readTree("{\"reason\": \"NO_CAPACITY\"}"), user).statusCode())),
                        pool.submit(latched(start, () -> decisions.expire(referral.id()))));
                start.countDown();
                List<Object> results = new ArrayList<>();
                for (Future<Object> attempt : attempts) {
                    results.add(attempt.get());
                }
                long winners = (results.get(0).equals(200) ? 1 : 0) + (results.get(1).equals(200) ? 1 : 0)
                        + (results.get(2).equals(true) ? 1 : 0);
                assertThat(winners).as("round %d: %s", round, results).isEqualTo(1);
                assertThat(results.subList(0, 2)).allMatch(status -> status.equals(200) || status.equals(409));
            }
        } finally {
            pool.shutdownNow();
        }
        for (Referral referral : raced) {
            ReferralStage stage = referrals.findById(referral.id()).orElseThrow().stage();
            await().atMost(TIMEOUT).until(() -> decisionEventsOf(referral) == 1);
            long expectedOutcomes = stage == ReferralStage.ACCEPTED ? 0 : 1;
            await().atMost(TIMEOUT).until(() -> outcomesOf(referral) == expectedOutcomes);
        }
        Set<String> racedKeys = raced.stream().map(referral -> referral.id().toString()).collect(Collectors.toSet());
        long expectedOutcomes = raced.stream()
                .filter(referral -> referrals.findById(referral.id()).orElseThrow().stage() != ReferralStage.ACCEPTED)
                .count();
        referralEvents.assertExactly(raced.size(), record -> racedKeys.contains(record.key()) && isDecision(record),
                Duration.ofMillis(500));
        outcomes.assertExactly(expectedOutcomes, record -> racedKeys.contains(record.key()), Duration.ofMillis(500));
    }

    @Test
    void countsDecisionsAndTimesResponses() {
        double receivedBefore = sample("cosell_referrals_received_total");
        Referral toAccept = receivedReferral();
        Referral toDecline = receivedReferral();
        Referral toExpire = receivedReferral();
        assertThat(sample("cosell_referrals_received_total") - receivedBefore).isEqualTo(3);
        Samples before = decisionSamples();
        double responseSecondsBefore = responseSeconds();
        CosellInfrastructureInitializer.clock().advance(Duration.ofSeconds(90));

        assertThat(post(toAccept.id(), "accept", acceptBody(), user).statusCode()).isEqualTo(200);
        assertThat(decisionSamples().minus(before)).isEqualTo(new Samples(1, 0, 0, 1));
        assertThat(responseSeconds() - responseSecondsBefore).isCloseTo(90, CLOCK_TICKING);

        CosellInfrastructureInitializer.clock().advance(Duration.ofSeconds(30));
        assertThat(post(toDecline.id(), "decline", JSON.readTree("{\"reason\": \"NOT_A_FIT\"}"), user).statusCode())
                .isEqualTo(200);
        assertThat(post(toDecline.id(), "decline", JSON.readTree("{\"reason\": \"NOT_A_FIT\"}"), user).statusCode())
                .isEqualTo(409);
        assertThat(decisionSamples().minus(before)).isEqualTo(new Samples(1, 1, 0, 2));
        assertThat(responseSeconds() - responseSecondsBefore).isCloseTo(90 + 120, CLOCK_TICKING);

        CosellInfrastructureInitializer.clock().set(toExpire.respondBy().plusSeconds(1));
        assertThat(decisions.expire(toExpire.id())).isTrue();
        assertThat(decisions.expire(toExpire.id())).isFalse();
        assertThat(decisionSamples().minus(before)).as("an expiry is no response").isEqualTo(new Samples(1, 1, 1, 2));
    }

    /** The decision counters, and how many responses were timed, as the management port's Prometheus page shows them. */
    private record Samples(double accepted, double declined, double expired, double responses) {

        Samples minus(Samples earlier) {
            return new Samples(accepted - earlier.accepted, declined - earlier.declined, expired - earlier.expired,
                    responses - earlier.responses);
        }
    }

    private Samples decisionSamples() {
        String page = prometheusPage();
        return new Samples(sample(page, "cosell_referrals_accepted_total"), sample(page, "cosell_referrals_declined_total"),
                sample(page, "cosell_referrals_expired_total"), sample(page, "cosell_referrals_response_time_seconds_count"));
    }

    private double responseSeconds() {
        return sample("cosell_referrals_response_time_seconds_sum");
    }

    private double sample(String name) {
        return sample(prometheusPage(), name);
    }

    /** The value of the sample {@code name}, summed over its labels; failing when the page has none. */
    private static double sample(String page, String name) {
        List<Double> values = page.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .map(line -> line.substring(line.startsWith(name + "{") ? line.lastIndexOf('}') + 1 : name.length()))
                .map(valueAndMore -> Double.parseDouble(valueAndMore.trim().split(" ")[0]))
                .toList();
        assertThat(values).as("samples of %s", name).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private String prometheusPage() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private Referral receivedReferral() {
        String referralId = "REF-" + UUID.randomUUID();
        intake.receive("urn:test:msx", ReferralFixtures.offer(referralId, partnerId));
        return ReferralFixtures.storedReferral(mongo, "urn:test:msx", referralId).orElseThrow();
    }

    private long decisionEventsOf(Referral referral) {
        return referralEvents.all().stream()
                .filter(record -> record.key().equals(referral.id().toString()))
                .filter(ReferralDecisionsIT::isDecision)
                .count();
    }

    private static boolean isDecision(ConsumerRecord<String, String> record) {
        return DECISIONS.contains(event(record).get("type").asString());
    }

    private long outcomesOf(Referral referral) {
        return outcomes.all().stream().filter(record -> record.key().equals(referral.id().toString())).count();
    }

    private static <T> Callable<Object> latched(CountDownLatch start, Callable<T> attempt) {
        return () -> {
            start.await();
            return attempt.call();
        };
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> isEvent(Referral referral, EventType type) {
        return record -> record.key().equals(referral.id().toString()) && event(record).get("type").asString().equals(type.id());
    }

    private static JsonNode event(ConsumerRecord<String, String> record) {
        return JSON.readTree(record.value());
    }

    private static String expiryDue(Referral referral) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(EventType.EXPIRY_DUE));
        event.put("id", "due-" + referral.id());
        event.put("subject", referral.id().toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("targetId", referral.id().toString());
        data.put("partnerId", referral.partnerId());
        data.put("dueAt", referral.respondBy().toString());
        return JSON.writeValueAsString(event);
    }

    private ObjectNode acceptBody() {
        LocalDate closeDate = LocalDate.ofInstant(CosellInfrastructureInitializer.clock().instant(), ZoneOffset.UTC)
                .plusMonths(3);
        return (ObjectNode) JSON.readTree("""
                {"name": "Contoso AI pilot",
                 "estimatedValue": {"amount": "30000.00", "currency": "EUR"},
                 "estimatedCloseDate": "%s",
                 "notes": "Pilot first", "crmId": "CRM-1", "campaignId": "CAMP-1",
                 "employees": [{"name": "Pat Partner", "phone": "+1 425 555 0199", "email": "pat@fabrikam.example"}]}
                """.formatted(closeDate));
    }

    /** Sets the value at a JSON pointer; {@code "%N"} stands for a string of N characters. */
    private static void set(ObjectNode body, String pointer, String value) {
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? body : body.at(parentPointer);
        JsonNode node = value.matches("\"%\\d+\"")
                ? JSON.getNodeFactory().stringNode("x".repeat(Integer.parseInt(value.substring(2, value.length() - 1))))
                : JSON.readTree(value);
        if (parent instanceof ObjectNode object) {
            object.set(name, node);
        } else {
            ((tools.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(name), node);
        }
    }

    private List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return JSON.readTree(response.body()).get("errors").findValuesAsString("field");
    }

    private HttpResponse<String> post(UUID id, String move, JsonNode body, TestUser caller) {
        return send(HttpRequest.newBuilder(uri("/api/referrals/" + id + "/" + move))
                .header("Authorization", tokens.bearer(caller))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
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
}
