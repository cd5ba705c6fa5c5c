package org.cosell.deal;

import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.unregisteredDeal;

/** {@code Idempotency-Key} on won and lost: a repeat gets the first answer, a reused key is refused. */
@CosellServiceTest
class IdempotentOutcomesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String LOST = "{\"reason\": \"NO_BUDGET\", \"notes\": \"Frozen\"}";

    @LocalServerPort
    int port;

    private DealApi api;
    private TestUser user;
    private TopicRecorder outcomes;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.partnerAdmin(DealApi.uniquePartnerId());
        outcomes = KafkaTestClient.shared().records(Topics.DEAL_OUTCOMES);
    }

    @AfterEach
    void tearDown() {
        outcomes.close();
    }

    @Test
    void aRepeatedWonGetsTheFirstAnswerEvenWithItsOldIfMatchAndWinsOnce() {
        UUID id = createDeal();
        String key = "won-" + UUID.randomUUID();

        HttpResponse<String> first = close(id, "won", key, "\"0\"", null);
        HttpResponse<String> repeat = close(id, "won", key, "\"0\"", null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(repeat.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(body(repeat)).isEqualTo(body(first));
        assertThat(body(first).get("stage").asString()).isEqualTo("WON");
        awaitOneOutcome(id);
    }

    @Test
    void aRepeatedLostGetsTheFirstAnswerAndLosesOnce() {
        UUID id = createDeal();
        String key = "lost-" + UUID.randomUUID();

        HttpResponse<String> first = close(id, "lost", key, null, LOST);
        HttpResponse<String> repeat = close(id, "lost", key, null, LOST);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(body(repeat)).isEqualTo(body(first));
        awaitOneOutcome(id);
    }

    @Test
    void anotherKeyOnAClosedDealIsStillRefused() {
        UUID id = createDeal();
        assertThat(close(id, "won", "first-" + UUID.randomUUID(), null, null).statusCode()).isEqualTo(200);

        assertThat(close(id, "won", "second-" + UUID.randomUUID(), null, null).statusCode()).isEqualTo(409);
        assertThat(close(id, "lost", null, null, LOST).statusCode()).isEqualTo(409);
    }

    @Test
    void aKeySentWithAnotherBodyMoveOrDealIsRefusedAndChangesNothing() {
        UUID id = createDeal();
        UUID other = createDeal();
        String key = "reused-" + UUID.randomUUID();
        assertThat(close(id, "lost", key, null, LOST).statusCode()).isEqualTo(200);

        List<HttpResponse<String>> reuses = List.of(
                close(id, "lost", key, null, "{\"reason\": \"TIMING\"}"),
                close(id, "won", key, null, null),
                close(other, "lost", key, null, LOST));

        for (HttpResponse<String> reuse : reuses) {
            assertThat(reuse.statusCode()).as(reuse.uri().toString()).isEqualTo(422);
            assertThat(reuse.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(reuse).get("detail").asString()).contains("Idempotency-Key");
        }
        JsonNode untouched = api.opportunity(other, user);
        assertThat(untouched.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(untouched.get("version").asLong()).isZero();
    }

    @Test
    void aRefusedCallLeavesItsKeyUnused() {
        UUID closed = createDeal();
        UUID open = createDeal();
        assertThat(close(closed, "won", null, null, null).statusCode()).isEqualTo(200);
        String key = "unused-" + UUID.randomUUID();

        assertThat(close(closed, "lost", key, null, LOST).statusCode()).isEqualTo(409);
        assertThat(close(open, "lost", key, null, LOST).statusCode()).isEqualTo(200);
    }

    private UUID createDeal() {
        return UUID.fromString(api.createdDeal(user, unregisteredDeal("Idempotent outcome")).get("id").asString());
    }

    private void awaitOneOutcome(UUID id) {
        await().atMost(TIMEOUT).until(() -> outcomesOf(id) == 1);
        outcomes.assertExactly(1, record -> record.key().equals(id.toString()), Duration.ofMillis(500));
    }

    private long outcomesOf(UUID id) {
        return outcomes.all().stream().filter(record -> record.key().equals(id.toString())).count();
    }

    private HttpResponse<String> close(UUID id, String move, String key, String ifMatch, String body) {
        HttpRequest.Builder request = api.request("/api/deals/" + id + "/" + move, user);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return api.send(request.build());
    }
}
