package org.cosell.referral;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.referral.application.ReferralStore;
import org.cosell.referral.domain.Referral;
import org.cosell.referral.domain.ReferralStage;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code Idempotency-Key} on accept and decline: a repeat gets the first answer, a reused key is refused. */
@CosellServiceTest
class IdempotentDecisionsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ReferralIntake intake;

    @Autowired
    ReferralStore referrals;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    private final TestJwtIssuer tokens = TestJwtIssuer.get();
    private final HttpClient http = HttpClient.newHttpClient();
    private TopicRecorder referralEvents;
    private TopicRecorder outcomes;
    private TestUser user;

    @BeforeEach
    void setUp() {
        referralEvents = KafkaTestClient.shared().records(Topics.REFERRAL_EVENTS);
        outcomes = KafkaTestClient.shared().records(Topics.DEAL_OUTCOMES);
        user = TestUser.referralsAdmin(ReferralIntakeIT.uniquePartnerId());
    }

    @AfterEach
    void tearDown() {
        referralEvents.close();
        outcomes.close();
    }

    @Test
    void aRepeatedAcceptGetsTheFirstAnswerAndAcceptsOnce() {
        Referral referral = receivedReferral(user);
        String key = "accept-" + UUID.randomUUID();

        HttpResponse<String> first = post(referral.id(), "accept", key, acceptBody("Contoso AI pilot"), user);
        HttpResponse<String> repeat = post(referral.id(), "accept", key, acceptBody("Contoso AI pilot"), user);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(repeat.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(JSON.readTree(first.body()).get("stage").asString()).isEqualTo("ACCEPTED");
        await().atMost(TIMEOUT).until(() -> eventsOf(referral, EventType.REFERRAL_ACCEPTED) == 1);
        referralEvents.assertExactly(1, isEvent(referral, EventType.REFERRAL_ACCEPTED), Duration.ofMillis(500));
    }

    @Test
    void aRepeatedDeclineGetsTheFirstAnswerAndAnnouncesOneOutcome() {
        Referral referral = receivedReferral(user);
        String key = "decline-" + UUID.randomUUID();

        HttpResponse<String> first = post(referral.id(), "decline", key, declineBody(), user);
        HttpResponse<String> repeat = post(referral.id(), "decline", key, declineBody(), user);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        await().atMost(TIMEOUT).until(() -> outcomes.all().stream()
                .filter(record -> record.key().equals(referral.id().toString())).count() == 1);
        outcomes.assertExactly(1, record -> record.key().equals(referral.id().toString()), Duration.ofMillis(500));
    }

    @Test
    void anotherKeyOrNoKeyOnADecidedReferralIsStillRefused() {
        Referral referral = receivedReferral(user);
        assertThat(post(referral.id(), "accept", "first-" + UUID.randomUUID(), acceptBody("Pilot"), user).statusCode())
                .isEqualTo(200);

        assertThat(post(referral.id(), "accept", "second-" + UUID.randomUUID(), acceptBody("Pilot"), user).statusCode())
                .isEqualTo(409);
        assertThat(post(referral.id(), "accept", null, acceptBody("Pilot"), user).statusCode()).isEqualTo(409);
    }

    @Test
    void aKeySentWithAnotherBodyMoveOrReferralIsRefusedAndChangesNothing() {
        Referral referral = receivedReferral(user);
        Referral other = receivedReferral(user);
        String key = "reused-" + UUID.randomUUID();
        assertThat(post(referral.id(), "accept", key, acceptBody("Pilot"), user).statusCode()).isEqualTo(200);

        List<HttpResponse<String>> reuses = List.of(
                post(referral.id(), "accept", key, acceptBody("Another name"), user),
                post(referral.id(), "decline", key, declineBody(), user),
                post(other.id(), "accept", key, acceptBody("Pilot"), user));

        for (HttpResponse<String> reuse : reuses) {
            assertThat(reuse.statusCode()).as(reuse.uri().toString()).isEqualTo(422);
            assertThat(reuse.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(reuse.body()).get("detail").asString()).contains("Idempotency-Key");
        }
        assertThat(referrals.findById(other.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.ACCEPTED);
    }

    @Test
    void aRefusedCallLeavesItsKeyUnusedAndKeysBelongToOnePartner() {
        Referral decided = receivedReferral(user);
        Referral open = receivedReferral(user);
        TestUser otherPartner = TestUser.referralsAdmin(ReferralIntakeIT.uniquePartnerId());
        Referral othersReferral = receivedReferral(otherPartner);
        assertThat(post(decided.id(), "decline", null, declineBody(), user).statusCode()).isEqualTo(200);
        String key = "shared-" + UUID.randomUUID();

        assertThat(post(decided.id(), "accept", key, acceptBody("Pilot"), user).statusCode()).isEqualTo(409);
        assertThat(post(open.id(), "accept", key, acceptBody("Pilot"), user).statusCode()).isEqualTo(200);
        assertThat(post(othersReferral.id(), "accept", key, acceptBody("Pilot"), otherPartner).statusCode())
                .isEqualTo(200);
    }

    @Test
    void concurrentRepeatsAllGetTheOneAnswer() throws Exception {
        Referral referral = receivedReferral(user);
        String key = "race-" + UUID.randomUUID();
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return post(referral.id(), "accept", key, acceptBody("Pilot"), user);
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                bodies.add(response.body());
            }
            assertThat(bodies).map(JSON::readTree).containsOnly(JSON.readTree(bodies.get(0)));
        } finally {
            pool.shutdownNow();
        }
        await().atMost(TIMEOUT).until(() -> eventsOf(referral, EventType.REFERRAL_ACCEPTED) == 1);
        referralEvents.assertExactly(1, isEvent(referral, EventType.REFERRAL_ACCEPTED), Duration.ofMillis(500));
    }

    @Test
    void aKeyThatIsBlankTooLongOrNotVisibleAsciiIsABadRequest() {
        Referral referral = receivedReferral(user);
        for (String key : List.of(" ", "k".repeat(201), "two words")) {
            HttpResponse<String> response = post(referral.id(), "accept", key, acceptBody("Pilot"), user);
            assertThat(response.statusCode()).as(key).isEqualTo(400);
        }
        assertThat(referrals.findById(referral.id()).orElseThrow().stage()).isEqualTo(ReferralStage.RECEIVED);
    }

    private Referral receivedReferral(TestUser owner) {
        String referralId = "REF-" + UUID.randomUUID();
        intake.receive("urn:test:msx", ReferralFixtures.offer(referralId, owner.partnerId()));
        return ReferralFixtures.storedReferral(mongo, "urn:test:msx", referralId).orElseThrow();
    }

    private long eventsOf(Referral referral, EventType type) {
        return referralEvents.all().stream().filter(isEvent(referral, type)).count();
    }

    private static Predicate<ConsumerRecord<String, String>> isEvent(Referral referral, EventType type) {
        return record -> record.key().equals(referral.id().toString())
                && JSON.readTree(record.value()).get("type").asString().equals(type.id());
    }

    private static String acceptBody(String name) {
        LocalDate closeDate = LocalDate.ofInstant(CosellInfrastructureInitializer.clock().instant(), ZoneOffset.UTC)
                .plusMonths(3);
        return """
                {"name": "%s", "estimatedValue": {"amount": "30000.00", "currency": "EUR"},
                 "estimatedCloseDate": "%s",
                 "employees": [{"name": "Pat Partner", "phone": "+1 425 555 0199", "email": "pat@fabrikam.example"}]}
                """.formatted(name, closeDate);
    }

    private static String declineBody() {
        return "{\"reason\": \"NOT_A_FIT\"}";
    }

    private HttpResponse<String> post(UUID id, String move, String key, String body, TestUser caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/referrals/" + id + "/" + move))
                .header("Authorization", tokens.bearer(caller))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
