package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.set;
import static org.cosell.deal.DealApi.withHelp;

/** {@code POST /api/deals}: validation, the created deal and its events, idempotent retries. */
@CosellServiceTest
class DealCreationIT {

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
    void createsAPrivatePipelineDealInAcceptedAndAnnouncesIt() {
        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            HttpResponse<String> response = api.create(user, newDeal("Contoso AI pilot"));

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode deal = body(response);
            UUID id = UUID.fromString(deal.get("id").asString());
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                    assertThat(location).endsWith("/api/opportunities/" + id));
            assertThat(response.headers().firstValue("ETag")).contains("\"0\"");
            assertThat(deal.get("stage").asString()).isEqualTo("ACCEPTED");
            assertThat(deal.get("origin").asString()).isEqualTo("OUTBOUND");
            assertThat(deal.get("type").asString()).isEqualTo("PRIVATE_PIPELINE");
            assertThat(deal.get("partnerId").asString()).isEqualTo(user.partnerId());
            assertThat(deal.get("microsoftEngagement").get("status").asString()).isEqualTo("NONE");
            assertThat(deal.get("estimatedValue").get("amount").asString()).isEqualTo("30000.00");
            assertThat(deal.get("customer").get("contact").get("email").asString()).isEqualTo("ada@contoso.example");
            assertThat(deal.get("favorite").asBoolean()).isFalse();

            JsonNode created = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_CREATED), TIMEOUT));
            assertThat(created.get("data").get("origin").asString()).isEqualTo("OUTBOUND");
            assertThat(created.get("data").get("type").asString()).isEqualTo("PRIVATE_PIPELINE");
            assertThat(created.get("data").get("deal").get("name").asString()).isEqualTo("Contoso AI pilot");
            assertThat(created.get("data").get("deal").get("employees").get(0).get("email").asString())
                    .isEqualTo("pat@fabrikam.example");
            assertThat(api.opportunity(id, user).get("name").asString()).isEqualTo("Contoso AI pilot");
            assertThat(api.get("/api/opportunities?tab=outbound", user).body()).contains(id.toString());
            assertThat(api.get("/api/opportunities?tab=inbound", user).body()).doesNotContain(id.toString());
        }
    }

    @ParameterizedTest(name = "{0} = {2}")
    @CsvSource(delimiter = '|', value = {
            "name                          | /name                          | \"\"",
            "name                          | /name                          | \"%201\"",
            "estimatedValue                | /estimatedValue                | null",
            "estimatedValue.amount         | /estimatedValue/amount         | \"0\"",
            "estimatedValue.amount         | /estimatedValue/amount         | \"-5.00\"",
            "estimatedValue.currency       | /estimatedValue/currency       | \"DOLLARS\"",
            "estimatedCloseDate            | /estimatedCloseDate            | \"2020-01-01\"",
            "estimatedCloseDate            | /estimatedCloseDate            | null",
            "estimatedCloseDate            | /estimatedCloseDate            | \"+999999999-12-31\"",
            "estimatedCloseDate            | /estimatedCloseDate            | \"+10000-01-01\"",
            "estimatedCloseDate            | /estimatedCloseDate            | \"-999999999-01-01\"",
            "notes                         | /notes                         | \"%5001\"",
            "crmId                         | /crmId                         | \"%101\"",
            "campaignId                    | /campaignId                    | \"%101\"",
            "customer                      | /customer                      | null",
            "customer.name                 | /customer/name                 | \"\"",
            "customer.dunsNumber           | /customer/dunsNumber           | \"12345678\"",
            "customer.address              | /customer/address              | null",
            "customer.address.country      | /customer/address/country      | \"USA\"",
            "customer.address.country      | /customer/address/country      | null",
            "customer.contact.email        | /customer/contact/email        | \"ada-at-contoso\"",
            "employees                     | /employees                     | []",
            "employees[0].name             | /employees/0/name              | \"\"",
            "employees[0].phone            | /employees/0/phone             | null",
            "employees[0].email            | /employees/0/email             | \"pat\"",
            "solutions                     | /solutions                     | []",
            "solutions[0].id               | /solutions/0/id                | \"\"",
            "solutions[0].type             | /solutions/0/type              | \"OPEN_SOURCE\"",
            "microsoftHelp.notes           | /microsoftHelp                 | {\"requested\": true}",
    })
    void everyInvalidFieldAnswers400NamingItAndCreatesNothing(String field, String pointer, String value) {
        HttpResponse<String> response = api.create(user, set(newDeal("Invalid"), pointer, value));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(errorFields(response)).contains(field);
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", ";;;", "text/plain"})
    void aBodyNotDeclaredAsJsonAnswers415ProblemAndCreatesNothing(String contentType) {
        HttpResponse<String> response = api.post("/api/deals", user, contentType, newDeal("Wildcard").toString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("status").asInt()).isEqualTo(415);
        assertThat(body(response).get("title").asString()).isEqualTo("Unsupported Media Type");
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"###", "json", "application/json, /"})
    void anUnreadableAcceptHeaderAnswers406ProblemAndCreatesNothing(String accept) {
        HttpResponse<String> response = api.send(api.request("/api/deals", user).header("Accept", accept)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(newDeal("Unreadable accept").toString())).build());

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("status").asInt()).isEqualTo(406);
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isZero();
    }

    @Test
    void withoutATokenAWildcardBodyStillAnswers401() {
        HttpResponse<String> response = api.post("/api/deals", null, "*/*", newDeal("Anonymous").toString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(response).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void reportsAllInvalidFieldsAtOnce() {
        assertThat(errorFields(api.create(user, JSON.createObjectNode())))
                .contains("name", "estimatedValue", "estimatedCloseDate", "customer", "employees", "solutions");

        ObjectNode manyWrong = newDeal("");
        set(manyWrong, "/estimatedValue/currency", "\"XYZ\"");
        set(manyWrong, "/customer/address/country", "\"Atlantis\"");
        set(manyWrong, "/employees/0/email", "\"nobody\"");
        set(manyWrong, "/solutions/0/type", "\"SOMEONE_ELSES\"");
        assertThat(errorFields(api.create(user, manyWrong))).containsExactlyInAnyOrder("name", "estimatedValue.currency",
                "customer.address.country", "employees[0].email", "solutions[0].type");
    }

    @Test
    void mistypedOrMalformedBodiesAnswer400() {
        assertThat(errorFields(api.create(user, set(newDeal("Mistyped"), "/estimatedCloseDate", "\"next spring\""))))
                .contains("estimatedCloseDate");
        assertThat(errorFields(api.create(user, set(newDeal("Mistyped"), "/estimatedValue/amount", "\"lots\""))))
                .contains("estimatedValue.amount");
        HttpResponse<String> notJson = api.send(HttpRequest.newBuilder(api.uri("/api/deals"))
                .header("Authorization", org.cosell.testsupport.TestJwtIssuer.get().bearer(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")).build());
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void aRetriedCreateWithTheSameKeyAnswersTheFirstDealAndCreatesNothing() {
        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            Map<String, String> key = Map.of("Idempotency-Key", "create-" + UUID.randomUUID());

            HttpResponse<String> first = api.create(user, newDeal("Once"), key);
            HttpResponse<String> retry = api.create(user, newDeal("Once"), key);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(retry.statusCode()).isEqualTo(201);
            String id = body(first).get("id").asString();
            assertThat(body(retry).get("id").asString()).isEqualTo(id);
            assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isEqualTo(1);

            TestUser otherPartner = TestUser.referralsAdmin(DealApi.uniquePartnerId());
            String othersId = body(api.create(otherPartner, newDeal("Same key, other partner"), key)).get("id").asString();
            assertThat(othersId).isNotEqualTo(id);

            dealEvents.awaitRecord(isEvent(UUID.fromString(id), EventType.DEAL_CREATED), TIMEOUT);
            dealEvents.assertExactly(1, isEvent(UUID.fromString(id), EventType.DEAL_CREATED), Duration.ofMillis(500));
        }
    }

    @Test
    void aKeyServesTwentyFourHoursThenCreatesAgain() {
        Map<String, String> key = Map.of("Idempotency-Key", "daily-" + UUID.randomUUID());
        String first = body(api.create(user, newDeal("Monday"), key)).get("id").asString();

        CosellInfrastructureInitializer.clock().advance(Duration.ofHours(23));
        assertThat(body(api.create(user, newDeal("Monday"), key)).get("id").asString()).isEqualTo(first);

        CosellInfrastructureInitializer.clock().advance(Duration.ofHours(2));
        HttpResponse<String> nextDay = api.create(user, newDeal("Tuesday"), key);
        assertThat(nextDay.statusCode()).isEqualTo(201);
        assertThat(body(nextDay).get("id").asString()).isNotEqualTo(first);
        assertThat(nextDay.headers().firstValue("Idempotent-Replayed")).contains("false");
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneDeal() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "racing-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < 4; attempt++) {
                Callable<HttpResponse<String>> create = () -> api.create(user, newDeal("Raced"), key);
                attempts.add(pool.submit(create));
            }
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> attempt : attempts) {
                HttpResponse<String> response = attempt.get();
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(body(response).get("id").asString());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anUnusableIdempotencyKeyAnswers400() {
        assertThat(errorFields(api.create(user, newDeal("Key"), Map.of("Idempotency-Key", "k".repeat(201)))))
                .containsExactly("Idempotency-Key");
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isZero();
    }

    @Test
    void helpAtCreationMakesACoSellDealAndAsksMicrosoft() {
        try (TopicRecorder outbound = kafka.records(Topics.ENGAGEMENTS_OUTBOUND);
             TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            HttpResponse<String> response = api.create(user, withHelp(newDeal("With help"), "Need an Azure architect"));

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode deal = body(response);
            UUID id = UUID.fromString(deal.get("id").asString());
            assertThat(deal.get("stage").asString()).isEqualTo("ACCEPTED");
            assertThat(deal.get("type").asString()).isEqualTo("CO_SELL");
            JsonNode engagement = deal.get("microsoftEngagement");
            assertThat(engagement.get("status").asString()).isEqualTo("REQUESTED");
            assertThat(engagement.get("notes").asString()).isEqualTo("Need an Azure architect");
            assertThat(Instant.parse(engagement.get("respondBy").asString()))
                    .isEqualTo(Instant.parse(engagement.get("requestedAt").asString()).plus(Duration.ofDays(14)));

            JsonNode requested = event(outbound.awaitRecord(isEvent(id, EventType.ENGAGEMENT_REQUESTED), TIMEOUT));
            assertThat(requested.get("data").get("customer").get("contact").get("email").asString())
                    .isEqualTo("ada@contoso.example");
            assertThat(requested.get("data").get("respondBy").asString()).isEqualTo(engagement.get("respondBy").asString());
            JsonNode created = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_CREATED), TIMEOUT));
            assertThat(created.get("data").get("type").asString()).isEqualTo("CO_SELL");
            dealEvents.awaitRecord(isEvent(id, EventType.DEAL_COSELL_REQUESTED), TIMEOUT);
        }
    }

    @Test
    void helpAtCreationNeedsNotesACompleteContactAndConsent() {
        try (TopicRecorder outbound = kafka.records(Topics.ENGAGEMENTS_OUTBOUND)) {
            ObjectNode notReady = withHelp(newDeal("Not ready"), " ");
            set(notReady, "/customer/contact/phone", "null");
            set(notReady, "/customer/consentToShareContact", "false");

            assertThat(errorFields(api.create(user, notReady))).containsExactlyInAnyOrder("microsoftHelp.notes",
                    "customer.contact", "customer.consentToShareContact");
            ObjectNode noContact = withHelp(newDeal("No contact"), "Help");
            set(noContact, "/customer/contact", "null");
            assertThat(errorFields(api.create(user, noContact))).containsExactly("customer.contact");

            assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("total").asLong()).isZero();
            outbound.assertNoRecord(record -> event(record).get("data").get("partnerId").asString()
                    .equals(user.partnerId()), Duration.ofMillis(500));
        }
    }
}
