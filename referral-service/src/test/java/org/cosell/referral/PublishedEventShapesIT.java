package org.cosell.referral;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.referral.application.ReferralDecisions;
import org.cosell.referral.application.ReferralIntake;
import org.cosell.referral.domain.Referral;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.PublishedEvents;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.UUID;

/**
 * Every event referral-service publishes, taken off its topic after the real move, store, outbox
 * and relay, has the shape of its golden sample (what consumers were written against) and fits its message in
 * docs/asyncapi.yaml, headers included.
 */
@CosellServiceTest
class PublishedEventShapesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SENDER_SYSTEM = "urn:test:msx";

    @Autowired
    ReferralIntake intake;

    @Autowired
    ReferralDecisions decisions;

    @Autowired
    MongoTemplate mongo;

    private TopicRecorder referralEvents;
    private TopicRecorder outcomes;
    private String partnerId;

    @BeforeEach
    void listen() {
        referralEvents = KafkaTestClient.shared().records(Topics.REFERRAL_EVENTS);
        outcomes = KafkaTestClient.shared().records(Topics.DEAL_OUTCOMES);
        partnerId = ReferralIntakeIT.uniquePartnerId();
    }

    @AfterEach
    void close() {
        referralEvents.close();
        outcomes.close();
    }

    @Test
    void receivedAndAcceptedAreShapedAsTheirSamples() {
        Referral referral = received();
        assertShaped(referralEvents, referral, EventType.REFERRAL_RECEIVED);

        decisions.accept(partnerId, referral.id(), ReferralFixtures.terms(), ReferralFixtures.ACTOR, null);

        assertShaped(referralEvents, referral, EventType.REFERRAL_ACCEPTED);
    }

    @Test
    void declinedAndItsOutcomeAreShapedAsTheirSamples() {
        Referral referral = received();

        decisions.decline(partnerId, referral.id(), DeclineReason.OTHER, "Outside our region", ReferralFixtures.ACTOR,
                null);

        assertShaped(referralEvents, referral, EventType.REFERRAL_DECLINED);
        assertShaped(outcomes, referral, EventType.OPPORTUNITY_OUTCOME);
    }

    @Test
    void expiredAndItsOutcomeAreShapedAsTheirSamples() {
        Referral referral = received();
        CosellInfrastructureInitializer.clock().set(referral.respondBy().plusSeconds(1));

        decisions.expire(referral.id());

        assertShaped(referralEvents, referral, EventType.REFERRAL_EXPIRED);
        assertShaped(outcomes, referral, EventType.OPPORTUNITY_OUTCOME);
    }

    private Referral received() {
        String referralId = "MSX-" + UUID.randomUUID();
        intake.receive(SENDER_SYSTEM, ReferralFixtures.offer(referralId, partnerId));
        return ReferralFixtures.storedReferral(mongo, SENDER_SYSTEM, referralId).orElseThrow();
    }

    private static void assertShaped(TopicRecorder topic, Referral referral, EventType type) {
        ConsumerRecord<String, String> record = topic.awaitRecord(candidate -> candidate.key().equals(referral.id().toString())
                && candidate.value().contains("\"type\":\"" + type.id() + "\""), TIMEOUT);
        PublishedEvents.assertConforms(record);
    }
}
