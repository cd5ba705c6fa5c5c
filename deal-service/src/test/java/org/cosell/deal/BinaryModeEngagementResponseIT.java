package org.cosell.deal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.engagementResponse;
import static org.cosell.deal.DealApi.newDeal;

/**
 * Microsoft's answer in the binary content mode of the CloudEvents Kafka binding, as a plain Kafka
 * client writes it: the attributes in {@code ce_} headers, the answer itself as the value.
 */
@CosellServiceTest
class BinaryModeEngagementResponseIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void anAnswerInBinaryModeSettlesTheRequestLikeAStructuredOne() {
        DealApi api = new DealApi(port);
        TestUser user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        UUID id = requestedDeal(api, user);
        JsonNode structured = JSON.readTree(engagementResponse(id, "ENGAGED"));

        kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), structured.get("data").toString(),
                binaryHeaders(structured));

        JsonNode engaged = await().atMost(TIMEOUT).until(() -> api.opportunity(id, user),
                deal -> deal.get("microsoftEngagement").get("status").asString().equals("ENGAGED"));
        assertThat(engaged.get("microsoftEngagement").get("seller").get("email").asString())
                .isEqualTo("mia@microsoft.example");
    }

    @Test
    void aBinaryModeAnswerWithoutAnIdIsDeadLetteredWithItsHeadersAndTheReason() {
        DealApi api = new DealApi(port);
        TestUser user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        UUID id = requestedDeal(api, user);
        JsonNode structured = JSON.readTree(engagementResponse(id, "ENGAGED"));
        Map<String, String> withoutId = new HashMap<>(binaryHeaders(structured));
        withoutId.remove("ce_id");

        try (TopicRecorder deadLetters = kafka.records(Topics.deadLetter(Topics.ENGAGEMENTS_RESPONSES))) {
            kafka.send(Topics.ENGAGEMENTS_RESPONSES, id.toString(), structured.get("data").toString(), withoutId);

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> id.toString().equals(record.key()),
                    TIMEOUT);
            assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).isEqualTo("not a CloudEvent: ce_id is missing");
            assertThat(KafkaTestClient.header(dead, "ce_msxregion")).isEqualTo("emea");
            assertThat(dead.value()).isEqualTo(structured.get("data").toString());
        }
        assertThat(api.opportunity(id, user).get("microsoftEngagement").get("status").asString()).isEqualTo("REQUESTED");
    }

    private static UUID requestedDeal(DealApi api, TestUser user) {
        UUID id = UUID.fromString(api.createdDeal(user, newDeal("Asks Microsoft in binary mode")).get("id").asString());
        JsonNode help = JSON.readTree("{\"notes\": \"Need an Azure architect\", \"consentToShareContact\": true}");
        assertThat(api.post("/api/deals/" + id + "/cosell-request", user, help).statusCode()).isEqualTo(200);
        return id;
    }

    /** The envelope of a structured event as binary-mode headers, with an extension attribute. */
    private static Map<String, String> binaryHeaders(JsonNode structured) {
        return Map.of(
                "ce_specversion", structured.get("specversion").asString(),
                "ce_id", structured.get("id").asString(),
                "ce_source", structured.get("source").asString(),
                "ce_type", structured.get("type").asString(),
                "ce_subject", structured.get("subject").asString(),
                "ce_msxregion", "emea",
                "content-type", "application/json");
    }
}
