package org.cosell.deal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.engagementDue;
import static org.cosell.deal.DealApi.engagementResponse;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.set;

/**
 * Co-sell with Microsoft: the request, what Microsoft systems see of it (and never see), and its
 * answer through the response topic or the engagement deadline.
 */
@CosellServiceTest
class CosellEngagementIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonNode HELP = JSON.readTree(
            "{\"notes\": \"Need an Azure architect\", \"consentToShareContact\": true}");

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser user;
    private TopicRecorder outbound;
    private TopicRecorder dealEvents;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        outbound = kafka.records(Topics.ENGAGEMENTS_OUTBOUND);
        dealEvents = kafka.records(Topics.DEAL_EVENTS);
    }

    @AfterEach
    void tearDown() {
        outbound.close();
        dealEvents.close();
    }

    @Test
    void requestingHelpMakesTheDealCoSellAndAsksMicrosoftOnItsOwnTopic() {
        UUID id = createDeal(newDeal("Contoso AI pilot"));

        HttpResponse<String> response = api.post(cosellRequest(id), user, HELP);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
        JsonNode deal = body(response);
        assertThat(deal.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(deal.get("type").asString()).isEqualTo("CO_SELL");
        JsonNode engagement = deal.get("microsoftEngagement");
        assertThat(engagement.get("status").asString()).isEqualTo("REQUESTED");
        Instant requestedAt = Instant.parse(engagement.get("requestedAt").asString());
        assertThat(Instant.parse(engagement.get("respondBy").asString())).isEqualTo(requestedAt.plus(Duration.ofDays(14)));

        JsonNode requested = event(outbound.awaitRecord(isEvent(id, EventType.ENGAGEMENT_REQUESTED), TIMEOUT)).get("data");
        assertThat(requested.get("dealId").asString()).isEqualTo(id.toString());
        assertThat(requested.get("partnerId").asString()).isEqualTo(user.partnerId());
        assertThat(requested.get("dealName").asString()).isEqualTo("Contoso AI pilot");
        assertThat(requested.get("notes").asString()).isEqualTo("Need an Azure architect");
        assertThat(requested.get("customer").get("contact").get("name").asString()).isEqualTo("Ada Buyer");
        assertThat(requested.get("customer").get("consentToShareContact").asBoolean()).isTrue();
        assertThat(requested.get("solutions").get(0).get("id").asString()).isEqualTo("sol-azure-ai");
        assertThat(requested.get("respondBy").asString()).isEqualTo(engagement.get("respondBy").asString());
        JsonNode cosellRequested = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_COSELL_REQUESTED), TIMEOUT));
        assertThat(cosellRequested.get("data").get("respondBy").asString()).isEqualTo(engagement.get("respondBy").asString());
        JsonNode changed = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_ENGAGEMENT_CHANGED), TIMEOUT));
        assertThat(changed.get("data").get("status").asString()).isEqualTo("REQUESTED");
    }

    @Test
    void aPrivatePipelineDealNeverAppearsOnTheTopicMicrosoftReads() {
        UUID id = createDeal(DealApi.unregisteredDeal("Private deal"));
        assertThat(api.patch(id, user, "\"0\"", JSON.readTree("{\"notes\": \"Still private\"}")).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/deals/" + id + "/won", user, null).statusCode()).isEqualTo(200);

        dealEvents.awaitRecord(isEvent(id, EventType.DEAL_WON), TIMEOUT);
        assertThat(dealEvents.all().stream().filter(record -> id.toString().equals(record.key())).count()).isEqualTo(3);
        outbound.assertNoRecord(record -> id.toString().equals(record.key())
                || record.value().contains(id.toString()), Duration.ofSeconds(1));
    }

    @Test
    void helpNeedsNotesConsentAndACompleteContactAndNothingLeavesWithoutThem() {
        ObjectNode withoutContact = newDeal("No contact yet");
        set(withoutContact, "/customer/contact", "null");
        set(withoutContact, "/customer/consentToShareContact", "false");
        UUID id = createDeal(withoutContact);

        assertThat(errorFields(api.post(cosellRequest(id), user, JSON.readTree(
                "{\"notes\": \"Help\", \"consentToShareContact\": false}")))).containsExactly("consentToShareContact");
        assertThat(errorFields(api.post(cosellRequest(id), user, JSON.readTree(
                "{\"consentToShareContact\": true}")))).containsExactly("notes");
        assertThat(errorFields(api.post(cosellRequest(id), user, HELP))).containsExactly("customerContact");
        assertThat(errorFields(api.post(cosellRequest(id), user, JSON.readTree("""
                {"notes": "Help", "consentToShareContact": true,
                 "customerContact": {"name": "Ada Buyer", "email": "ada@contoso.example"}}
                """)))).containsExactly("customerContact.phone");
        assertThat(api.opportunity(id, user).get("version").asLong()).isZero();

        HttpResponse<String> complete = api.post(cosellRequest(id), user, JSON.readTree("""
                {"notes": "Help", "consentToShareContact": true,
                 "customerContact": {"name": "Ada Buyer", "phone": "+1 206 555 0100", "email": "ada@contoso.example"}}
                """));
        assertThat(complete.statusCode()).isEqualTo(200);
        assertThat(body(complete).get("customer").get("contact").get("phone").asString()).isEqualTo("+1 206 555 0100");
        assertThat(body(complete).get("customer").get("consentToShareContact").asBoolean()).isTrue();

        JsonNode requested = event(outbound.awaitRecord(isEvent(id, EventType.ENGAGEMENT_REQUESTED), TIMEOUT));
        assertThat(requested.get("data").get("customer").get("contact").get("email").asString())
                .isEqualTo("ada@contoso.example");
        outbound.assertExactly(1, isEvent(id, EventType.ENGAGEMENT_REQUESTED), Duration.ofMillis(500));
    }

    @Test
    void onlyAnAcceptedDealWhoseRequestIsNeitherWaitingNorEngagedMayAsk() {
        UUID id = createDeal(newDeal("Asks twice"));
        assertThat(api.post(cosellRequest(id), user, HELP).statusCode()).isEqualTo(200);

        HttpResponse<String> again = api.post(cosellRequest(id), user, help("PRICING"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).get("detail").asString()).contains("REQUESTED");

        kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), engagementResponse(id, "ENGAGED"));
        awaitEngagement(id, "ENGAGED");
        HttpResponse<String> whileEngaged = api.post(cosellRequest(id), user, help("PRICING"));
        assertThat(whileEngaged.statusCode()).isEqualTo(409);
        assertThat(body(whileEngaged).get("detail").asString()).contains("ENGAGED");

        UUID lost = createDeal(newDeal("Lost first"));
        assertThat(api.post("/api/deals/" + lost + "/lost", user, null).statusCode()).isEqualTo(200);
        HttpResponse<String> afterLoss = api.post(cosellRequest(lost), user, HELP);
        assertThat(afterLoss.statusCode()).isEqualTo(409);
        assertThat(body(afterLoss).get("detail").asString()).contains("LOST");
        assertThat(api.post(cosellRequest(id), TestUser.referralsAdmin(DealApi.uniquePartnerId()), HELP).statusCode())
                .isEqualTo(404);
    }

    @Test
    void microsoftEngagesThroughTheResponseTopicAndTheSameAnswerAgainChangesNothing() {
        UUID id = requestedDeal();
        String answer = engagementResponse(id, "ENGAGED");

        try (TopicRecorder deadLetters = kafka.records(Topics.deadLetter(Topics.ENGAGEMENTS_RESPONSES))) {
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), answer);

            JsonNode engaged = awaitEngagement(id, "ENGAGED");
            assertThat(engaged.get("stage").asString()).isEqualTo("ACCEPTED");
            assertThat(engaged.get("microsoftEngagement").get("seller").get("email").asString())
                    .isEqualTo("mia@microsoft.example");
            assertThat(engaged.get("microsoftEngagement").get("sellerNotes").asString()).isEqualTo("Happy to help");
            JsonNode changed = awaitEngagementChanged(id, "ENGAGED");
            assertThat(changed.get("seller").get("name").asString()).isEqualTo("Mia Microsoft");
            assertThat(changed.get("employees").get(0).get("email").asString()).isEqualTo("pat@fabrikam.example");

            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), answer);
            deadLetters.assertNoRecord(record -> id.toString().equals(record.key()), Duration.ofSeconds(1));
            assertThat(api.opportunity(id, user).get("version").asLong()).isEqualTo(engaged.get("version").asLong());
        }
    }

    @Test
    void microsoftDeclinesThroughTheResponseTopic() {
        UUID id = requestedDeal();

        kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), engagementResponse(id, "DECLINED"));

        JsonNode declined = awaitEngagement(id, "DECLINED");
        assertThat(declined.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(declined.get("microsoftEngagement").get("seller").get("name").asString()).isEqualTo("Mia Microsoft");
        assertThat(awaitEngagementChanged(id, "DECLINED").get("status").asString()).isEqualTo("DECLINED");
    }

    @Test
    void anUnansweredRequestExpiresWhenItsDeadlineIsDueAndNotBefore() {
        UUID early = requestedDeal();
        try (TopicRecorder expiryDlt = kafka.records(Topics.deadLetter(Topics.EXPIRY_DUE))) {
            kafka.send(Topics.EXPIRY_DUE, early.toString(), engagementDue(early, user.partnerId(), Instant.now().toString()));
            UUID marker = UUID.randomUUID();
            kafka.send(Topics.EXPIRY_DUE, early.toString(), engagementDue(marker, user.partnerId(), Instant.now().toString()));
            expiryDlt.awaitRecord(record -> record.value().contains(marker.toString()), TIMEOUT);
        }
        assertThat(api.opportunity(early, user).get("microsoftEngagement").get("status").asString()).isEqualTo("REQUESTED");
        UUID id = requestedDeal();
        UUID answered = requestedDeal();
        kafka.send(Topics.ENGAGEMENTS_RESPONSES, answered.toString(), engagementResponse(answered, "ENGAGED"));
        awaitEngagement(answered, "ENGAGED");
        Instant respondBy = Instant.parse(api.opportunity(id, user).get("microsoftEngagement").get("respondBy").asString());
        CosellInfrastructureInitializer.clock().set(respondBy.plusSeconds(1));

        kafka.send(Topics.EXPIRY_DUE, id.toString(), engagementDue(id, user.partnerId(), respondBy.toString()));
        kafka.send(Topics.EXPIRY_DUE, answered.toString(), engagementDue(answered, user.partnerId(), respondBy.toString()));

        JsonNode expired = awaitEngagement(id, "EXPIRED");
        assertThat(expired.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(awaitEngagementChanged(id, "EXPIRED").get("status").asString()).isEqualTo("EXPIRED");
        dealEvents.assertNoRecord(record -> (answered.toString().equals(record.key()) || early.toString().equals(record.key()))
                && event(record).get("data").path("status").asString("").equals("EXPIRED"), Duration.ofSeconds(1));
        assertThat(api.opportunity(answered, user).get("microsoftEngagement").get("status").asString()).isEqualTo("ENGAGED");
        assertThat(api.opportunity(early, user).get("microsoftEngagement").get("status").asString()).isEqualTo("REQUESTED");
    }

    @Test
    void answersForUnknownDealsOrInTheWrongStateGoToTheDeadLetterTopicWithTheReason() {
        UUID unknown = UUID.randomUUID();
        UUID notAsked = createDeal(newDeal("Never asked"));
        UUID engaged = requestedDeal();
        kafka.send(Topics.ENGAGEMENTS_RESPONSES, engaged.toString(), engagementResponse(engaged, "ENGAGED"));
        awaitEngagement(engaged, "ENGAGED");
        ObjectNode withoutSeller = (ObjectNode) JSON.readTree(engagementResponse(engaged, "DECLINED"));
        ((ObjectNode) withoutSeller.get("data")).remove("seller");

        try (TopicRecorder responsesDlt = kafka.records(Topics.deadLetter(Topics.ENGAGEMENTS_RESPONSES));
             TopicRecorder expiryDlt = kafka.records(Topics.deadLetter(Topics.EXPIRY_DUE))) {
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, unknown.toString(), engagementResponse(unknown, "ENGAGED"));
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, notAsked.toString(), engagementResponse(notAsked, "ENGAGED"));
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, engaged.toString(), engagementResponse(engaged, "DECLINED"));
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, engaged.toString(), JSON.writeValueAsString(withoutSeller));
            kafka.send(Topics.EXPIRY_DUE, unknown.toString(), engagementDue(unknown, user.partnerId(), Instant.now().toString()));

            assertThat(reason(responsesDlt, unknown)).contains("data.dealId", "no deal");
            assertThat(reason(responsesDlt, notAsked)).contains("NONE", "REQUESTED");
            await().atMost(TIMEOUT).until(() -> responsesDlt.all().stream()
                    .filter(record -> engaged.toString().equals(record.key())).count() == 2);
            assertThat(responsesDlt.all().stream().filter(record -> engaged.toString().equals(record.key()))
                    .map(record -> KafkaTestClient.header(record, Topics.ERROR_HEADER)))
                    .anySatisfy(why -> assertThat(why).contains("ENGAGED"))
                    .anySatisfy(why -> assertThat(why).contains("data.seller"));
            assertThat(reason(expiryDlt, unknown)).contains("no deal");
        }
        assertThat(api.opportunity(engaged, user).get("microsoftEngagement").get("status").asString()).isEqualTo("ENGAGED");
    }

    @Test
    void anAnswerBeyondTheLimitsIsDeadLetteredNamingTheFieldsAndChangesNothing() {
        UUID id = requestedDeal();
        ObjectNode oversized = (ObjectNode) JSON.readTree(engagementResponse(id, "ENGAGED"));
        ((ObjectNode) oversized.get("data").get("seller")).put("name", "x".repeat(201))
                .put("email", "x".repeat(250) + "@microsoft.example");
        ((ObjectNode) oversized.get("data")).put("notes", "x".repeat(5001));

        try (TopicRecorder responsesDlt = kafka.records(Topics.deadLetter(Topics.ENGAGEMENTS_RESPONSES))) {
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), JSON.writeValueAsString(oversized));

            assertThat(reason(responsesDlt, id)).isEqualTo("data.seller.name: must be at most 200 characters; "
                    + "data.seller.email: must be an e-mail address; data.notes: must be at most 5000 characters");
        }
        assertThat(api.opportunity(id, user).get("microsoftEngagement").get("status").asString()).isEqualTo("REQUESTED");
    }

    @Test
    void aFirstRequestMaySayWhatKindOfHelpAndMicrosoftSeesIt() {
        UUID id = createDeal(newDeal("Says what help"));
        assertThat(errorFields(api.post(cosellRequest(id), user, help("FREE_LUNCH")))).containsExactly("helpType");

        HttpResponse<String> response = api.post(cosellRequest(id), user, help("TECHNICAL_ARCHITECTURE"));

        JsonNode engagement = body(response).get("microsoftEngagement");
        assertThat(engagement.get("helpType").asString()).isEqualTo("TECHNICAL_ARCHITECTURE");
        String requestId = engagement.get("requestId").asString();
        JsonNode requested = event(outbound.awaitRecord(isEvent(id, EventType.ENGAGEMENT_REQUESTED), TIMEOUT)).get("data");
        assertThat(requested.get("helpType").asString()).isEqualTo("TECHNICAL_ARCHITECTURE");
        assertThat(requested.get("requestId").asString()).isEqualTo(requestId);
        JsonNode cosellRequested = event(dealEvents.awaitRecord(isEvent(id, EventType.DEAL_COSELL_REQUESTED), TIMEOUT))
                .get("data");
        assertThat(cosellRequested.get("helpType").asString()).isEqualTo("TECHNICAL_ARCHITECTURE");
        assertThat(cosellRequested.get("requestId").asString()).isEqualTo(requestId);
    }

    @Test
    void afterADeclineTheDealAsksAgainWithANewWindowThatOnlyItsOwnAnswerSettles() {
        UUID id = requestedDeal();
        JsonNode first = api.opportunity(id, user).get("microsoftEngagement");
        assertThat(first.has("helpType")).as("helpType may be left out of a first request").isFalse();
        kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), engagementResponse(id, "DECLINED"));
        awaitEngagement(id, "DECLINED");

        assertThat(errorFields(api.post(cosellRequest(id), user, HELP))).containsExactly("helpType");
        assertThat(errorFields(api.post(cosellRequest(id), user, help("NONSENSE")))).containsExactly("helpType");
        HttpResponse<String> again = api.post(cosellRequest(id), user, help("PRICING"));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode second = body(again).get("microsoftEngagement");
        assertThat(second.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(second.get("helpType").asString()).isEqualTo("PRICING");
        assertThat(second.get("requestId").asString()).isNotEqualTo(first.get("requestId").asString());
        assertThat(second.has("seller")).isFalse();
        Instant requestedAgainAt = Instant.parse(second.get("requestedAt").asString());
        assertThat(Instant.parse(second.get("respondBy").asString())).isEqualTo(requestedAgainAt.plus(Duration.ofDays(14)));
        JsonNode requested = event(outbound.awaitRecord(record -> isEvent(id, EventType.ENGAGEMENT_REQUESTED).test(record)
                && event(record).get("data").path("helpType").asString("").equals("PRICING"), TIMEOUT)).get("data");
        assertThat(requested.get("requestId").asString()).isEqualTo(second.get("requestId").asString());
        assertThat(requested.get("respondBy").asString()).isEqualTo(second.get("respondBy").asString());
        JsonNode cosellRequested = event(dealEvents.awaitRecord(record -> isEvent(id, EventType.DEAL_COSELL_REQUESTED)
                .test(record) && event(record).get("data").path("helpType").asString("").equals("PRICING"), TIMEOUT));
        assertThat(cosellRequested.get("data").get("respondBy").asString()).isEqualTo(second.get("respondBy").asString());

        try (TopicRecorder responsesDlt = kafka.records(Topics.deadLetter(Topics.ENGAGEMENTS_RESPONSES))) {
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(),
                    engagementResponse(id, "ENGAGED", first.get("requestId").asString()));
            // names no request, and was made (its time) before the second request
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), engagementResponse(id, "ENGAGED"));
            await().atMost(TIMEOUT).until(() -> responsesDlt.all().stream()
                    .filter(record -> id.toString().equals(record.key())).count() == 2);
            assertThat(responsesDlt.all().stream().filter(record -> id.toString().equals(record.key()))
                    .map(record -> KafkaTestClient.header(record, Topics.ERROR_HEADER)))
                    .allSatisfy(why -> assertThat(why).contains("earlier co-sell request"));
        }
        assertThat(api.opportunity(id, user).get("microsoftEngagement").get("status").asString()).isEqualTo("REQUESTED");

        kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(),
                engagementResponse(id, "ENGAGED", second.get("requestId").asString()));
        JsonNode engaged = awaitEngagement(id, "ENGAGED");
        assertThat(engaged.get("microsoftEngagement").get("helpType").asString()).isEqualTo("PRICING");
        assertThat(awaitEngagementChanged(id, "ENGAGED").get("requestId").asString())
                .isEqualTo(second.get("requestId").asString());
    }

    @Test
    void afterItsRequestExpiredTheDealAsksAgainAndOnlyTheNewDeadlineExpiresTheNewRequest() {
        UUID id = requestedDeal();
        Instant firstRespondBy = Instant.parse(api.opportunity(id, user).get("microsoftEngagement").get("respondBy").asString());
        CosellInfrastructureInitializer.clock().set(firstRespondBy.plusSeconds(1));
        kafka.send(Topics.EXPIRY_DUE, id.toString(), engagementDue(id, user.partnerId(), firstRespondBy.toString()));
        awaitEngagement(id, "EXPIRED");

        HttpResponse<String> again = api.post(cosellRequest(id), user, help("EXECUTIVE_SPONSOR"));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        Instant secondRespondBy = Instant.parse(body(again).get("microsoftEngagement").get("respondBy").asString());
        assertThat(secondRespondBy).isEqualTo(Instant.parse(body(again).get("microsoftEngagement").get("requestedAt")
                .asString()).plus(Duration.ofDays(14))).isAfter(firstRespondBy.plus(Duration.ofDays(14)));
        JsonNode cosellRequested = event(dealEvents.awaitRecord(record -> isEvent(id, EventType.DEAL_COSELL_REQUESTED)
                .test(record) && event(record).get("data").path("helpType").asString("").equals("EXECUTIVE_SPONSOR"),
                TIMEOUT)).get("data");
        assertThat(cosellRequested.get("respondBy").asString()).as("the new expiry timer's deadline")
                .isEqualTo(secondRespondBy.toString());

        CosellInfrastructureInitializer.clock().set(secondRespondBy.plusSeconds(1));
        try (TopicRecorder expiryDlt = kafka.records(Topics.deadLetter(Topics.EXPIRY_DUE))) {
            kafka.send(Topics.EXPIRY_DUE, id.toString(), engagementDue(id, user.partnerId(), firstRespondBy.toString()));
            UUID marker = UUID.randomUUID();
            kafka.send(Topics.EXPIRY_DUE, id.toString(), engagementDue(marker, user.partnerId(), Instant.now().toString()));
            expiryDlt.awaitRecord(record -> record.value().contains(marker.toString()), TIMEOUT);
        }
        assertThat(api.opportunity(id, user).get("microsoftEngagement").get("status").asString())
                .as("the first request's deadline, delivered late").isEqualTo("REQUESTED");

        kafka.send(Topics.EXPIRY_DUE, id.toString(), engagementDue(id, user.partnerId(), secondRespondBy.toString()));
        JsonNode expired = awaitEngagement(id, "EXPIRED");
        assertThat(expired.get("microsoftEngagement").get("helpType").asString()).isEqualTo("EXECUTIVE_SPONSOR");
        dealEvents.awaitRecord(record -> isEvent(id, EventType.DEAL_ENGAGEMENT_CHANGED).test(record)
                && event(record).get("data").get("status").asString().equals("EXPIRED")
                && event(record).get("data").get("respondBy").asString().equals(secondRespondBy.toString()), TIMEOUT);
    }

    private static JsonNode help(String helpType) {
        return JSON.readTree("{\"notes\": \"Need help again\", \"consentToShareContact\": true, \"helpType\": \""
                + helpType + "\"}");
    }

    private String reason(TopicRecorder deadLetters, UUID key) {
        ConsumerRecord<String, String> record = deadLetters.awaitRecord(found -> key.toString().equals(found.key()), TIMEOUT);
        return KafkaTestClient.header(record, Topics.ERROR_HEADER);
    }

    private UUID createDeal(JsonNode body) {
        return UUID.fromString(api.createdDeal(user, body).get("id").asString());
    }

    private UUID requestedDeal() {
        UUID id = createDeal(newDeal("Asks Microsoft"));
        assertThat(api.post(cosellRequest(id), user, HELP).statusCode()).isEqualTo(200);
        return id;
    }

    private JsonNode awaitEngagement(UUID id, String status) {
        return await().atMost(TIMEOUT).until(() -> api.opportunity(id, user),
                deal -> deal.get("microsoftEngagement").get("status").asString().equals(status));
    }

    private JsonNode awaitEngagementChanged(UUID id, String status) {
        return event(dealEvents.awaitRecord(record -> isEvent(id, EventType.DEAL_ENGAGEMENT_CHANGED).test(record)
                && event(record).get("data").get("status").asString().equals(status), TIMEOUT)).get("data");
    }

    private static String cosellRequest(UUID id) {
        return "/api/deals/" + id + "/cosell-request";
    }
}
