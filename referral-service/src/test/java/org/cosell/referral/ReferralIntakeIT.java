package org.cosell.referral;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.referral.application.ReferralStore;
import org.cosell.referral.domain.Referral;
import org.cosell.referral.domain.ReferralStage;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CosellServiceTest
class ReferralIntakeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ReferralStore referrals;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private TopicRecorder referralEvents;
    private TopicRecorder deadLetters;

    @BeforeEach
    void recordTopics() {
        referralEvents = kafka.records(Topics.REFERRAL_EVENTS);
        deadLetters = kafka.records(Topics.deadLetter(Topics.REFERRALS_INBOUND));
    }

    @AfterEach
    void stopRecording() {
        referralEvents.close();
        deadLetters.close();
    }

    @Test
    void anOfferedReferralIsStoredReceivedAndAnnouncedThroughTheOutbox() {
        String referralId = "REF-" + UUID.randomUUID();
        String partnerId = uniquePartnerId();

        kafka.send(Topics.REFERRALS_INBOUND, referralId, offered(referralId, partnerId, "urn:test:msx"));

        Referral referral = await().atMost(TIMEOUT).until(
                () -> ReferralFixtures.storedReferral(mongo, "urn:test:msx", referralId), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(referral.stage()).isEqualTo(ReferralStage.RECEIVED);
        assertThat(referral.partnerId()).isEqualTo(partnerId);
        assertThat(referral.respondBy()).isEqualTo(referral.receivedAt().plus(Duration.ofDays(14)));

        ConsumerRecord<String, String> received = referralEvents.awaitRecord(
                record -> record.key().equals(referral.id().toString()), TIMEOUT);
        JsonNode event = JSON.readTree(received.value());
        assertThat(event.get("type").asString()).isEqualTo(EventType.REFERRAL_RECEIVED.id());
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("subject").asString()).isEqualTo(referral.id().toString());
        assertThat(event.get("data").get("referralId").asString()).isEqualTo(referralId);
        assertThat(event.get("data").get("partnerId").asString()).isEqualTo(partnerId);
        assertThat(event.get("data").get("respondBy").asString()).isEqualTo(referral.respondBy().toString());
        await().atMost(TIMEOUT).until(() -> referrals.findById(referral.id()).orElseThrow().pendingEvents().isEmpty());
    }

    /** Whether the offer's trace records spans ({@code 01}) or not ({@code 00}), its ids and that decision carry on. */
    @ParameterizedTest
    @ValueSource(strings = { "01", "00" })
    void theReceivedEventContinuesTheTraceOfTheOfferAcrossTheOutbox(String sampled) {
        String referralId = "REF-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-" + sampled;

        kafka.send(Topics.REFERRALS_INBOUND, referralId, offered(referralId, uniquePartnerId(), "urn:test:msx"),
                java.util.Map.of("traceparent", traceparent));

        ConsumerRecord<String, String> received = referralEvents.awaitRecord(
                record -> isReceivedOf(record, referralId), TIMEOUT);
        assertThat(KafkaTestClient.header(received, "traceparent")).startsWith("00-" + traceId + "-")
                .endsWith("-" + sampled)
                .doesNotEndWith(traceId.substring(0, 16) + "-" + sampled);
    }

    /**
     * The CloudEvents Kafka binding's binary content mode, as a plain Kafka client writes it: the
     * attributes in {@code ce_} headers, the offer itself as the value.
     */
    @Test
    void anOfferInBinaryModeIsStoredReceivedAndAnnouncedLikeAStructuredOne() {
        String referralId = "REF-" + UUID.randomUUID();
        String partnerId = uniquePartnerId();
        JsonNode structured = JSON.readTree(offered(referralId, partnerId, "urn:test:binary-system"));

        kafka.send(Topics.REFERRALS_INBOUND, referralId, JSON.writeValueAsString(structured.get("data")),
                binaryHeaders(structured));

        Referral referral = await().atMost(TIMEOUT).until(() -> ReferralFixtures.storedReferral(mongo,
                "urn:test:binary-system", referralId), java.util.Optional::isPresent).orElseThrow();
        assertThat(referral.stage()).isEqualTo(ReferralStage.RECEIVED);
        assertThat(referral.partnerId()).isEqualTo(partnerId);
        ConsumerRecord<String, String> received = referralEvents.awaitRecord(
                record -> isReceivedOf(record, referralId), TIMEOUT);
        assertThat(KafkaTestClient.header(received, "content-type")).isEqualTo("application/cloudevents+json");
        assertThat(JSON.readTree(received.value()).get("data").get("partnerId").asString()).isEqualTo(partnerId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ce_id          | ''              | not a CloudEvent: ce_id is missing",
            "ce_specversion | 0.3             | not a CloudEvent: ce_specversion must be \"1.0\"",
            "content-type   | application/xml | content-type: data must be JSON (application/json), not application/xml",
            "value          | '{ not json'    | data: not JSON",
    })
    void aMalformedBinaryModeOfferIsDeadLetteredWithItsHeadersAndTheReason(String change, String text, String reason) {
        String referralId = "REF-" + UUID.randomUUID();
        JsonNode structured = JSON.readTree(offered(referralId, uniquePartnerId(), "urn:test:binary-system"));
        java.util.Map<String, String> headers = new java.util.HashMap<>(binaryHeaders(structured));
        String value = JSON.writeValueAsString(structured.get("data"));
        if (change.equals("value")) {
            value = text;
        } else {
            headers.put(change, text);
        }

        kafka.send(Topics.REFERRALS_INBOUND, referralId, value, headers);

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> referralId.equals(record.key()), TIMEOUT);
        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).startsWith(reason);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(KafkaTestClient.header(dead, "ce_partnerregion")).isEqualTo("emea");
        assertThat(ReferralFixtures.storedReferral(mongo, "urn:test:binary-system", referralId)).isEmpty();
    }

    /** The envelope of a structured event as binary-mode headers, with an extension attribute. */
    private static java.util.Map<String, String> binaryHeaders(JsonNode structured) {
        return java.util.Map.of(
                "ce_specversion", structured.get("specversion").asString(),
                "ce_id", structured.get("id").asString(),
                "ce_source", structured.get("source").asString(),
                "ce_type", structured.get("type").asString(),
                "ce_subject", structured.get("subject").asString(),
                "ce_time", structured.get("time").asString(),
                "ce_partnerregion", "emea",
                "content-type", "application/json");
    }

    @Test
    void theSameReferralOfferedAgainIsStoredAndAnnouncedOncePerSenderSystem() {
        String referralId = "REF-" + UUID.randomUUID();
        String partnerId = uniquePartnerId();

        kafka.send(Topics.REFERRALS_INBOUND, referralId, offered(referralId, partnerId, "urn:test:msx"));
        kafka.send(Topics.REFERRALS_INBOUND, referralId, offered(referralId, partnerId, "urn:test:msx"));
        kafka.send(Topics.REFERRALS_INBOUND, referralId, offered(referralId, partnerId, "urn:test:other-system"));

        await().atMost(TIMEOUT).until(() -> ReferralFixtures.storedReferrals(mongo, referralId).size() == 2);
        await().atMost(TIMEOUT).until(() -> receivedEventsOf(referralId) == 2);
        referralEvents.assertExactly(2, record -> isReceivedOf(record, referralId), Duration.ofSeconds(2));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheRecordsAroundItAreStored() {
        String before = "REF-" + UUID.randomUUID();
        String after = "REF-" + UUID.randomUUID();
        String partnerId = uniquePartnerId();
        String poisonKey = "poison-" + UUID.randomUUID();

        kafka.send(Topics.REFERRALS_INBOUND, before, offered(before, partnerId, "urn:test:msx"));
        kafka.send(Topics.REFERRALS_INBOUND, poisonKey, "{ this is not json");
        kafka.send(Topics.REFERRALS_INBOUND, after, offered(after, partnerId, "urn:test:msx"));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> poisonKey.equals(record.key()), TIMEOUT);
        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).startsWith("not JSON");
        assertThat(dead.value()).isEqualTo("{ this is not json");
        await().atMost(TIMEOUT).until(() -> ReferralFixtures.storedReferral(mongo, "urn:test:msx", before).isPresent()
                && ReferralFixtures.storedReferral(mongo, "urn:test:msx", after).isPresent());
    }

    @Test
    void anEventOfAnotherTypeOnTheInboundTopicIsDeadLetteredWithTheRule() {
        String key = "wrong-type-" + UUID.randomUUID();

        kafka.send(Topics.REFERRALS_INBOUND, key, GoldenSamples.json(EventType.EXPIRY_DUE));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> key.equals(record.key()), TIMEOUT);
        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER))
                .isEqualTo("type: cosell.referrals.inbound takes only cosell.referral.offered.v1, not cosell.expiry.due.v1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/data/targetPartnerId          | \"MPN-7\"          | data.targetPartnerId: must be an MPN id (digits)",
            "/data/sender/kind              | \"ROBOT\"          | data: does not match cosell.referral.offered.v1",
            "/data/sender/email             | \"sam\"            | data.sender.email: must be an e-mail address",
            "/data/customer/name            | null               | data.customer.name: is required",
            "/data/customer/dunsNumber      | \"12-345\"         | data.customer.dunsNumber: must be exactly 9 digits",
            "/data/customer/address/country | \"Atlantis\"       | data.customer.address.country: must be an ISO 3166 alpha-2 country code",
            "/data/deal/estimatedValue/amount | \"-1\"           | data.deal.estimatedValue.amount: must be a decimal greater than 0",
            "/data/deal/estimatedValue/currency | \"EURO\"       | data.deal.estimatedValue.currency: must be an ISO 4217 currency code",
            "/data/deal/estimatedCloseDate  | \"31/03/2027\"     | data: does not match cosell.referral.offered.v1",
            "/data/deal/solutions           | []                 | data.deal.solutions: must hold at least one solution",
            "/specversion                   | \"0.3\"            | not a CloudEvent: specversion must be",
    })
    void anInvalidOfferIsDeadLetteredNamingTheFieldAndTheRule(String pointer, String value, String reason) {
        String referralId = "REF-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(offered(referralId, uniquePartnerId(), "urn:test:msx"));
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        ((ObjectNode) (parent.isEmpty() ? event : event.at(parent)))
                .set(pointer.substring(pointer.lastIndexOf('/') + 1), JSON.readTree(value));

        kafka.send(Topics.REFERRALS_INBOUND, referralId, JSON.writeValueAsString(event));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> referralId.equals(record.key()), TIMEOUT);
        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).contains(reason);
        assertThat(ReferralFixtures.storedReferral(mongo, "urn:test:msx", referralId)).isEmpty();
    }

    /** {@code "%N"} stands for a string of N characters, {@code [N]} for a list of N solutions. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/data/customer/address/street     | \"%201\"   | data.customer.address.street: must be at most 200 characters",
            "/data/customer/address/city       | \"%101\"   | data.customer.address.city: must be at most 100 characters",
            "/data/customer/address/region     | \"%101\"   | data.customer.address.region: must be at most 100 characters",
            "/data/customer/address/postalCode | \"%21\"    | data.customer.address.postalCode: must be at most 20 characters",
            "/data/customer/contact/name       | \"%201\"   | data.customer.contact.name: must be at most 200 characters",
            "/data/customer/contact/phone      | \"%51\"    | data.customer.contact.phone: must be at most 50 characters",
            "/data/deal/solutions              | [51]         | data.deal.solutions: must hold at most 50 solutions",
            "/data/deal/estimatedValue/amount  | \"1234567890123456789012345678901234567890\" | data.deal.estimatedValue.amount: must have at most 15 integer and 2 fraction digits",
            "/data/deal/estimatedValue/amount  | \"10.125\" | data.deal.estimatedValue.amount: must have at most 15 integer and 2 fraction digits",
            "/data/deal/estimatedValue/amount  | \"1E+20\"  | data.deal.estimatedValue.amount: must have at most 15 integer and 2 fraction digits",
            "/source                           | \"%257\"   | source: must be at most 256 characters",
    })
    void anOfferBeyondTheLimitsIsDeadLetteredNamingTheField(String pointer, String value, String reason) {
        String referralId = "REF-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(offered(referralId, uniquePartnerId(), "urn:test:msx"));
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        ((ObjectNode) (parent.isEmpty() ? event : event.at(parent)))
                .set(pointer.substring(pointer.lastIndexOf('/') + 1), beyondLimit(value));

        kafka.send(Topics.REFERRALS_INBOUND, referralId, JSON.writeValueAsString(event));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> referralId.equals(record.key()), TIMEOUT);
        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).contains(reason);
        assertThat(ReferralFixtures.storedReferral(mongo, "urn:test:msx", referralId)).isEmpty();
    }

    @Test
    void anAmountOfFortyDigitsBetweenTwoOffersDeadLettersOnlyItselfAndItsNeighboursArriveAtOnce() {
        String before = "REF-" + UUID.randomUUID();
        String culprit = "REF-" + UUID.randomUUID();
        String after = "REF-" + UUID.randomUUID();
        ObjectNode fortyDigits = (ObjectNode) JSON.readTree(offered(culprit, uniquePartnerId(), "urn:test:msx"));
        ((ObjectNode) fortyDigits.at("/data/deal/estimatedValue")).put("amount", "1234567890123456789012345678901234567890");

        kafka.send(Topics.REFERRALS_INBOUND, before, offered(before, uniquePartnerId(), "urn:test:msx"));
        kafka.send(Topics.REFERRALS_INBOUND, culprit, JSON.writeValueAsString(fortyDigits));
        kafka.send(Topics.REFERRALS_INBOUND, after, offered(after, uniquePartnerId(), "urn:test:msx"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ReferralFixtures.storedReferral(mongo, "urn:test:msx", before)
                .isPresent() && ReferralFixtures.storedReferral(mongo, "urn:test:msx", after).isPresent());
        deadLetters.awaitRecord(record -> culprit.equals(record.key()), TIMEOUT);
        deadLetters.assertNoRecord(record -> before.equals(record.key()) || after.equals(record.key()), Duration.ofSeconds(1));
    }

    private static JsonNode beyondLimit(String value) {
        if (value.matches("\"%\\d+\"")) {
            return JSON.getNodeFactory().stringNode("x".repeat(Integer.parseInt(value.substring(2, value.length() - 1))));
        }
        if (value.matches("\\[\\d+]")) {
            ArrayNode solutions = JSON.createArrayNode();
            for (int i = 0; i < Integer.parseInt(value.substring(1, value.length() - 1)); i++) {
                solutions.addObject().put("id", "sol-" + i).put("name", "Solution " + i).put("type", "PARTNER");
            }
            return solutions;
        }
        return JSON.readTree(value);
    }

    @Test
    void isReadyOnlyWithMongoAndKafkaAndExposesItsMetrics() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.send(Topics.REFERRALS_INBOUND, "m", offered("REF-" + UUID.randomUUID(), uniquePartnerId(), "urn:test:msx"));
        kafka.send(Topics.REFERRALS_INBOUND, poisonKey, "poison");
        deadLetters.awaitRecord(record -> poisonKey.equals(record.key()), TIMEOUT);

        HttpResponse<String> readiness = management("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).get("status").asString()).isEqualTo("UP");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(management("/actuator/prometheus").body())
                .contains("cosell_referrals_received_total", "cosell_outbox_published_total",
                        "cosell_kafka_dead_letters_total{topic=\"cosell.referrals.inbound\""));
    }

    /** Actuator, which answers only on the management port. */
    private HttpResponse<String> management(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long receivedEventsOf(String referralId) {
        return referralEvents.all().stream().filter(record -> isReceivedOf(record, referralId)).count();
    }

    private static boolean isReceivedOf(ConsumerRecord<String, String> record, String referralId) {
        JsonNode event = JSON.readTree(record.value());
        return EventType.REFERRAL_RECEIVED.id().equals(event.get("type").asString())
                && referralId.equals(event.get("data").get("referralId").asString());
    }

    static String offered(String referralId, String partnerId, String senderSystem) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(EventType.REFERRAL_OFFERED));
        event.put("id", UUID.randomUUID().toString());
        event.put("source", senderSystem);
        event.put("subject", referralId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("referralId", referralId);
        data.put("targetPartnerId", partnerId);
        return JSON.writeValueAsString(event);
    }

    static String uniquePartnerId() {
        return Long.toString(1_000_000 + (long) (Math.random() * 8_999_999));
    }
}
