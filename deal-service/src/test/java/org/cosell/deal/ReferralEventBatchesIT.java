package org.cosell.deal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The referral events listener reads a poll at a time. Records are sent while it is paused, so that
 * they reach it together in the next poll: what a burst of referrals looks like to it.
 */
@CosellServiceTest
class ReferralEventBatchesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LISTENER = "deal-service-referral-events";

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser owner;
    private TopicRecorder deadLetters;

    @BeforeEach
    void newPartner() {
        api = new DealApi(port);
        owner = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        deadLetters = kafka.records(Topics.deadLetter(Topics.REFERRAL_EVENTS));
    }

    @AfterEach
    void stopRecording() {
        deadLetters.close();
    }

    @Test
    void aBurstOfReceivedReferralsBecomesExactlyThatManyOpportunities() {
        int count = 1_200;
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }

        inOnePoll(() -> ids.forEach(id -> publish(id, events(id).received("Burst " + id))));

        await().atMost(Duration.ofSeconds(90)).until(() -> inboundTotal() == count);
        List<Opportunity> stored = mongo.find(Query.query(Criteria.where("partnerId").is(owner.partnerId())),
                Opportunity.class);
        assertThat(stored).extracting(Opportunity::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(stored).allSatisfy(opportunity -> {
            assertThat(opportunity.stage()).isEqualTo(Stage.RECEIVED);
            assertThat(opportunity.version()).isZero();
            assertThat(opportunity.details().name()).isEqualTo("Burst " + opportunity.id());
        });
        assertThat(api.get("/api/opportunities/" + ids.get(count - 1), owner).statusCode()).isEqualTo(200);
    }

    @Test
    void aReferralReceivedAndAcceptedInOnePollEndsAcceptedWithTheAcceptedTerms() {
        UUID id = UUID.randomUUID();
        ReferralEvents referral = events(id);

        inOnePoll(() -> {
            publish(id, referral.received("Suggested"));
            publish(id, referral.accepted("Accepted in the same poll"));
        });

        JsonNode deal = awaitStage(id, "ACCEPTED");
        assertThat(deal.get("name").asString()).isEqualTo("Accepted in the same poll");
        assertThat(deal.get("crmId").asString()).isEqualTo("CRM-1001");
        assertThat(deal.has("respondBy")).isFalse();
        assertThat(tab("inbound")).contains(id.toString());
    }

    @Test
    void anAcceptanceAheadOfItsArrivalInOnePollStaysAcceptedAndTheArrivalOnlyTellsTheSendersNotes() {
        UUID id = UUID.randomUUID();
        ReferralEvents referral = events(id);

        inOnePoll(() -> {
            publish(id, referral.accepted("Accepted first"));
            publish(id, referral.received("Late suggestion"));
            publish(id, referral.declined());
        });

        awaitStage(id, "ACCEPTED");
        awaitProjected(id);
        JsonNode after = api.opportunity(id, owner);
        assertThat(after.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(after.get("name").asString()).isEqualTo("Accepted first");
        assertThat(after.get("notes").asString()).isEqualTo("Pilot first");
        assertThat(after.get("referral").get("senderNotes").asString()).isEqualTo("Wants a pilot in Q1");
        assertThat(after.has("closing")).isFalse();
        assertThat(DealApi.body(api.get("/api/opportunities/" + id + "/activity", owner)).get("items")
                .findValuesAsString("kind")).containsExactly("RECEIVED", "ACCEPTED");
    }

    @Test
    void poisonRecordsInThePollAreDeadLetteredWithTheirReasonAndTheEventsAroundThemProjected() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        String unreadable = "{ not json " + UUID.randomUUID();
        String foreignId = UUID.randomUUID().toString();
        ObjectNode foreign = (ObjectNode) DealApi.JSON.readTree(GoldenSamples.json(EventType.EXPIRY_DUE));
        foreign.put("id", foreignId);

        // one key, so one partition: the poison records sit between the events in the order they are read
        inOnePoll(() -> {
            publish(first, events(first).received("Before the poison"));
            kafka.send(Topics.REFERRAL_EVENTS, first.toString(), unreadable);
            publish(first, events(second).received("Between the poisons"));
            kafka.send(Topics.REFERRAL_EVENTS, first.toString(), DealApi.JSON.writeValueAsString(foreign));
            publish(first, events(third).received("After the poison"));
        });

        ConsumerRecord<String, String> unreadableDead = deadLetters.awaitRecord(
                record -> unreadable.equals(record.value()), TIMEOUT);
        assertThat(KafkaTestClient.header(unreadableDead, Topics.ERROR_HEADER)).startsWith("not JSON");
        ConsumerRecord<String, String> foreignDead = deadLetters.awaitRecord(
                record -> record.value() != null && record.value().contains(foreignId), TIMEOUT);
        assertThat(KafkaTestClient.header(foreignDead, Topics.ERROR_HEADER))
                .isEqualTo("type: cosell.expiry.due.v1 does not belong on cosell.referrals.events");
        for (UUID id : List.of(first, second, third)) {
            awaitStage(id, "RECEIVED");
        }
        assertThat(inboundTotal()).isEqualTo(3);
        deadLetters.assertNoRecord(record -> first.toString().equals(record.key()) && record.value() != null
                && record.value().contains("\"partnerId\":\"" + owner.partnerId() + "\""), Duration.ofSeconds(1));
    }

    @Test
    void anEventTheDatabaseRefusesIsDeadLetteredAloneAndOtherPartnersEventsAroundItArriveAtOnce() {
        TestUser otherOwner = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        UUID before = UUID.randomUUID();
        UUID culprit = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // Decimal128 holds 34 significant digits: the database refuses this amount, not the listener
        ObjectNode fortyDigits = (ObjectNode) DealApi.JSON.readTree(
                new ReferralEvents(culprit, otherOwner.partnerId()).received("Forty digits"));
        ((ObjectNode) fortyDigits.at("/data/deal/estimatedValue")).put("amount", "1234567890123456789012345678901234567.891");

        inOnePoll(() -> {
            publish(before, events(before).received("Before the culprit"));
            kafka.send(Topics.REFERRAL_EVENTS, before.toString(), DealApi.JSON.writeValueAsString(fortyDigits));
            publish(before, new ReferralEvents(after, otherOwner.partnerId()).received("After the culprit"));
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/opportunities/" + before, owner).statusCode() == 200
                && api.get("/api/opportunities/" + after, otherOwner).statusCode() == 200);
        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                record -> record.value() != null && record.value().contains(culprit.toString()), TIMEOUT);
        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).startsWith("data: could not be stored: ")
                .contains("Decimal128");
        deadLetters.assertNoRecord(record -> record.value() != null && (record.value().contains(before.toString())
                || record.value().contains(after.toString())), Duration.ofSeconds(1));
        assertThat(mongo.findById(culprit, Opportunity.class)).isNull();
    }

    @Test
    void eventsLackingWhatTheViewNeedsAreDeadLetteredNamingTheFieldsAndNothingIsStoredForThem() {
        UUID ownerless = UUID.randomUUID();
        UUID termless = UUID.randomUUID();
        UUID valid = UUID.randomUUID();
        ObjectNode withoutPartner = (ObjectNode) DealApi.JSON.readTree(events(ownerless).received("Nobody's"));
        ((ObjectNode) withoutPartner.get("data")).remove("partnerId");
        ((ObjectNode) withoutPartner.get("data")).put("referralId", " ");
        ObjectNode withoutTerms = (ObjectNode) DealApi.JSON.readTree(events(termless).accepted("No terms"));
        ((ObjectNode) withoutTerms.get("data")).remove(List.of("deal", "acceptedAt"));

        inOnePoll(() -> {
            kafka.send(Topics.REFERRAL_EVENTS, valid.toString(), DealApi.JSON.writeValueAsString(withoutPartner));
            kafka.send(Topics.REFERRAL_EVENTS, valid.toString(), DealApi.JSON.writeValueAsString(withoutTerms));
            publish(valid, events(valid).received("Valid"));
        });

        ConsumerRecord<String, String> ownerlessDead = deadLetters.awaitRecord(
                record -> record.value() != null && record.value().contains(ownerless.toString()), TIMEOUT);
        assertThat(KafkaTestClient.header(ownerlessDead, Topics.ERROR_HEADER))
                .isEqualTo("data.partnerId: is required; data.referralId: is required");
        ConsumerRecord<String, String> termlessDead = deadLetters.awaitRecord(
                record -> record.value() != null && record.value().contains(termless.toString()), TIMEOUT);
        assertThat(KafkaTestClient.header(termlessDead, Topics.ERROR_HEADER))
                .isEqualTo("data.acceptedAt: is required; data.deal: is required");
        awaitStage(valid, "RECEIVED");
        assertThat(mongo.findById(ownerless, Opportunity.class)).isNull();
        assertThat(mongo.findById(termless, Opportunity.class)).isNull();
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<String> batch = new ArrayList<>();
        for (UUID id : ids) {
            batch.add(events(id).received("Redelivered " + id));
        }
        batch.add(events(ids.get(0)).accepted("Accepted, redelivered"));
        batch.add(events(ids.get(1)).declined());
        inOnePoll(() -> batch.forEach(event -> publish(ids.get(0), event)));
        awaitStage(ids.get(0), "ACCEPTED");
        awaitStage(ids.get(1), "DECLINED");
        Map<UUID, JsonNode> first = ids.stream().collect(Collectors.toMap(id -> id, id -> api.opportunity(id, owner)));

        inOnePoll(() -> batch.forEach(event -> publish(ids.get(0), event)));
        awaitProjected(ids.get(0));

        for (UUID id : ids) {
            assertThat(api.opportunity(id, owner)).isEqualTo(first.get(id));
        }
        assertThat(inboundTotal() + archivedTotal()).isEqualTo(ids.size());
    }

    /** Runs {@code sends} while the listener is paused: what they send reaches it together once it resumes. */
    private void inOnePoll(Runnable sends) {
        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        assertThat(container).isNotNull();
        container.pause();
        try {
            await().atMost(TIMEOUT).until(container::isContainerPaused);
            sends.run();
        } finally {
            container.resume();
        }
    }

    /** Waits until a marker sent on {@code key}'s partition after everything else there has been projected. */
    private void awaitProjected(UUID key) {
        UUID marker = UUID.randomUUID();
        TestUser markerOwner = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        publish(key, new ReferralEvents(marker, markerOwner.partnerId()).received("marker"));
        await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + marker, markerOwner).statusCode() == 200);
    }

    private JsonNode awaitStage(UUID id, String stage) {
        return await().atMost(TIMEOUT).until(() -> api.opportunity(id, owner),
                body -> body.has("stage") && body.get("stage").asString().equals(stage));
    }

    private long inboundTotal() {
        return DealApi.body(api.get("/api/opportunities?size=1&tab=inbound", owner)).get("total").asLong();
    }

    private long archivedTotal() {
        return DealApi.body(api.get("/api/opportunities?size=1&tab=archived", owner)).get("total").asLong();
    }

    private String tab(String tab) {
        return api.get("/api/opportunities?size=100&tab=" + tab, owner).body();
    }

    private ReferralEvents events(UUID id) {
        return new ReferralEvents(id, owner.partnerId());
    }

    private void publish(UUID key, String event) {
        kafka.send(Topics.REFERRAL_EVENTS, key.toString(), event);
    }
}
