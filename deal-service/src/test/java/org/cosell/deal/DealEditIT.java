package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.etag;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;
import static org.cosell.deal.DealApi.newDeal;

/** {@code PATCH /api/deals/{id}}: JSON merge patch of the editable fields, guarded by {@code If-Match}. */
@CosellServiceTest
class DealEditIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser user;
    private UUID id;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        id = UUID.fromString(api.createdDeal(user, newDeal("Contoso AI pilot")).get("id").asString());
    }

    @Test
    void aMergePatchChangesWhatItNamesKeepsTheRestAndAnswersANewETag() {
        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            HttpResponse<String> response = api.patch(id, user, "\"0\"", JSON.readTree("""
                    {"name": "Contoso AI rollout", "estimatedValue": {"amount": "45000.00"}, "notes": null,
                     "employees": [{"name": "Sam Sales", "phone": "+1 425 555 0111", "email": "sam@fabrikam.example"}],
                     "customer": {"contact": {"phone": "+1 206 555 0199"}}}
                    """));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(etag(response)).isEqualTo("\"1\"");
            JsonNode deal = body(response);
            assertThat(deal.get("version").asLong()).isEqualTo(1);
            assertThat(deal.get("name").asString()).isEqualTo("Contoso AI rollout");
            assertThat(deal.get("estimatedValue").get("amount").asString()).isEqualTo("45000.00");
            assertThat(deal.get("estimatedValue").get("currency").asString()).isEqualTo("EUR");
            assertThat(deal.has("notes")).isFalse();
            assertThat(deal.get("crmId").asString()).isEqualTo("CRM-1");
            assertThat(deal.get("employees")).hasSize(1);
            assertThat(deal.get("employees").get(0).get("email").asString()).isEqualTo("sam@fabrikam.example");
            JsonNode contact = deal.get("customer").get("contact");
            assertThat(contact.get("phone").asString()).isEqualTo("+1 206 555 0199");
            assertThat(contact.get("email").asString()).isEqualTo("ada@contoso.example");
            assertThat(deal.get("customer").get("name").asString()).isEqualTo("Contoso Ltd");

            JsonNode updated = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_UPDATED), TIMEOUT));
            assertThat(updated.get("data").get("deal").get("name").asString()).isEqualTo("Contoso AI rollout");
            assertThat(updated.get("data").get("customer").get("contact").get("phone").asString())
                    .isEqualTo("+1 206 555 0199");
            assertThat(api.opportunity(id, user).get("name").asString()).isEqualTo("Contoso AI rollout");
        }
    }

    @Test
    void plainJsonIsTakenAsAMergePatchTooAndAPatchThatChangesNothingKeepsTheVersion() {
        HttpResponse<String> asJson = api.patch(id, user, "\"0\"", "application/json", JSON.readTree("{\"crmId\": \"CRM-2\"}"));
        assertThat(asJson.statusCode()).isEqualTo(200);
        assertThat(body(asJson).get("crmId").asString()).isEqualTo("CRM-2");

        HttpResponse<String> unchanged = api.patch(id, user, "\"1\"", JSON.readTree("{\"crmId\": \"CRM-2\"}"));
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(etag(unchanged)).isEqualTo("\"1\"");

        assertThat(api.patch(id, user, "\"1\"", "text/plain", JSON.readTree("{}")).statusCode()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", ";;;"})
    void aWildcardOrBrokenContentTypeAnswers415ProblemAndChangesNothing(String contentType) {
        HttpResponse<String> response = api.patch(id, user, "\"0\"", contentType, JSON.readTree("{\"crmId\": \"CRM-9\"}"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("status").asInt()).isEqualTo(415);
        assertThat(api.opportunity(id, user).get("crmId").asString()).isEqualTo("CRM-1");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "stage                     | {\"stage\": \"WON\"}",
            "origin                    | {\"origin\": \"INBOUND\"}",
            "partnerId                 | {\"partnerId\": \"9999999\"}",
            "id                        | {\"id\": \"3f1c2a9e-8b7d-4e21-9c5a-1d2e3f4a5b6c\"}",
            "type                      | {\"type\": \"CO_SELL\"}",
            "version                   | {\"version\": 7}",
            "microsoftEngagement       | {\"microsoftEngagement\": {\"status\": \"ENGAGED\"}}",
            "referralId                | {\"referralId\": \"REF-1\"}",
            "createdAt                 | {\"createdAt\": \"2020-01-01T00:00:00Z\"}",
            "customer.name             | {\"customer\": {\"name\": \"Someone else\"}}",
            "customer.dunsNumber       | {\"customer\": {\"dunsNumber\": \"999999999\"}}",
            "customer.address          | {\"customer\": {\"address\": {\"country\": \"DE\"}}}",
            "customer                  | {\"customer\": null}",
            "stage                     | {\"name\": \"Sneaky\", \"stage\": \"WON\"}",
    })
    void fieldsOutsideTheAllowListAreRefusedAndNothingIsApplied(String field, String patch) {
        HttpResponse<String> response = api.patch(id, user, "\"0\"", JSON.readTree(patch));

        assertThat(errorFields(response)).containsExactly(field);
        JsonNode deal = api.opportunity(id, user);
        assertThat(deal.get("version").asLong()).isZero();
        assertThat(deal.get("name").asString()).isEqualTo("Contoso AI pilot");
        assertThat(deal.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(deal.get("customer").get("name").asString()).isEqualTo("Contoso Ltd");
    }

    @Test
    void invalidValuesAreAllReportedAtOnceByTheirPath() {
        HttpResponse<String> response = api.patch(id, user, "\"0\"", JSON.readTree("""
                {"name": "", "estimatedValue": {"amount": "0"}, "estimatedCloseDate": "2020-01-01", "employees": [],
                 "solutions": [{"id": "sol-x", "name": "X", "type": "NOBODYS"}],
                 "customer": {"contact": {"email": "nope"}, "consentToShareContact": null}}
                """));

        assertThat(errorFields(response)).containsExactlyInAnyOrder("name", "estimatedValue.amount",
                "estimatedCloseDate", "employees", "solutions[0].type", "customer.contact.email",
                "customer.consentToShareContact");
        assertThat(errorFields(api.patch(id, user, "\"0\"", JSON.readTree("{\"estimatedCloseDate\": \"soon\"}"))))
                .containsExactly("estimatedCloseDate");
        assertThat(errorFields(api.patch(id, user, "\"0\"", JSON.readTree("[1, 2]")))).containsExactly("");
        assertThat(api.opportunity(id, user).get("version").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "+10000-01-01", "-999999999-01-01", "0000-12-31"})
    void aCloseDateOutsideFourDigitYearsAnswers400NamingIt(String date) {
        HttpResponse<String> response = api.patch(id, user, "\"0\"",
                JSON.readTree("{\"estimatedCloseDate\": \"" + date + "\"}"));

        assertThat(errorFields(response)).contains("estimatedCloseDate");
        assertThat(body(response).get("errors").findValuesAsString("message"))
                .contains("must be a date from 0001-01-01 to 9999-12-31");
        assertThat(api.opportunity(id, user).get("version").asLong()).isZero();
    }

    @Test
    void theLastFourDigitDateIsStored() {
        HttpResponse<String> response = api.patch(id, user, "\"0\"", JSON.readTree("{\"estimatedCloseDate\": \"9999-12-31\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.opportunity(id, user).get("estimatedCloseDate").asString()).isEqualTo("9999-12-31");
    }

    @Test
    void withoutIfMatchItIs428AndWithAStaleVersionItIs412() {
        JsonNode rename = JSON.readTree("{\"name\": \"Renamed\"}");

        HttpResponse<String> missing = api.patch(id, user, null, rename);
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(body(missing).get("status").asInt()).isEqualTo(428);
        assertThat(api.patch(id, user, "\"3\"", rename).statusCode()).isEqualTo(412);
        assertThat(api.patch(id, user, "\"not-ours\"", rename).statusCode()).isEqualTo(412);

        assertThat(api.patch(id, user, "\"0\"", rename).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = api.patch(id, user, "\"0\"", JSON.readTree("{\"name\": \"Lost update\"}"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(body(stale).get("detail").asString()).contains("version 1");
        assertThat(api.patch(id, user, "W/\"1\"", JSON.readTree("{\"notes\": \"weak tag\"}")).statusCode()).isEqualTo(200);
        assertThat(api.patch(id, user, "*", JSON.readTree("{\"notes\": \"any version\"}")).statusCode()).isEqualTo(200);
        assertThat(api.opportunity(id, user).get("name").asString()).isEqualTo("Renamed");
    }

    @Test
    void onlyAnAcceptedDealCanBeEditedAndAnAcceptedReferralCan() {
        UUID inbound = UUID.randomUUID();
        ReferralEvents referral = new ReferralEvents(inbound, user.partnerId());
        kafka.send(Topics.REFERRAL_EVENTS, inbound.toString(), referral.received("Suggested"));
        await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + inbound, user).statusCode() == 200);

        HttpResponse<String> received = api.patch(inbound, user, "\"0\"", JSON.readTree("{\"name\": \"Too early\"}"));
        assertThat(received.statusCode()).isEqualTo(409);
        assertThat(body(received).get("detail").asString()).contains("RECEIVED");

        kafka.send(Topics.REFERRAL_EVENTS, inbound.toString(), referral.accepted("Accepted"));
        JsonNode accepted = await().atMost(TIMEOUT).until(() -> api.opportunity(inbound, user),
                deal -> deal.get("stage").asString().equals("ACCEPTED"));
        HttpResponse<String> edited = api.patch(inbound, user, "\"" + accepted.get("version").asLong() + "\"",
                JSON.readTree("{\"name\": \"Our name now\"}"));
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(body(edited).get("origin").asString()).isEqualTo("INBOUND");
        assertThat(body(edited).get("name").asString()).isEqualTo("Our name now");
    }

    @Test
    void anotherPartnersOrAnUnknownDealIs404() {
        TestUser stranger = TestUser.partnerAdmin(DealApi.uniquePartnerId());
        JsonNode rename = JSON.readTree("{\"name\": \"Hijacked\"}");

        HttpResponse<String> foreign = api.patch(id, stranger, "\"0\"", rename);
        HttpResponse<String> unknown = api.patch(UUID.randomUUID(), user, "\"0\"", rename);

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(foreign).get("title")).isEqualTo(body(unknown).get("title"));
        assertThat(api.opportunity(id, user).get("name").asString()).isEqualTo("Contoso AI pilot");
    }
}
