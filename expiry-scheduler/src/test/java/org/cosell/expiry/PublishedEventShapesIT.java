package org.cosell.expiry;

import static org.cosell.contracts.expiry.ExpiryKind.ENGAGEMENT_RESPONSE;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_REMINDER;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_RESPONSE;
import static org.cosell.expiry.TimerEventFixtures.TIMEOUT;
import static org.cosell.expiry.TimerEventFixtures.cosellRequested;
import static org.cosell.expiry.TimerEventFixtures.partnerId;
import static org.cosell.expiry.TimerEventFixtures.readDue;
import static org.cosell.expiry.TimerEventFixtures.referralReceived;
import static org.cosell.expiry.TimerEventFixtures.sendAndAwaitConsumed;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.MutableClock;
import org.cosell.testsupport.PublishedEvents;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of {@code cosell.expiry.due} the scheduler publishes, taken off the topic after a real
 * firing, has the shape of its golden sample and fits its message in docs/asyncapi.yaml.
 */
@CosellServiceTest
class PublishedEventShapesIT {

    private final MutableClock clock = CosellInfrastructureInitializer.clock();
    private TopicRecorder expiryDue;

    @BeforeEach
    void recordExpiryDue() {
        expiryDue = KafkaTestClient.shared().records(Topics.EXPIRY_DUE);
    }

    @AfterEach
    void stopRecording() {
        expiryDue.close();
    }

    @Test
    void referralReminderAndDeadlineFitTheContract() {
        UUID opportunityId = UUID.randomUUID();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId, referralReceived(opportunityId, partnerId(), respondBy));

        clock.set(respondBy.minus(Duration.ofDays(3)));
        PublishedEvents.assertConforms(fired(opportunityId, REFERRAL_REMINDER));

        clock.set(respondBy);
        PublishedEvents.assertConforms(fired(opportunityId, REFERRAL_RESPONSE));
    }

    @Test
    void engagementDeadlineFitsTheContract() {
        UUID dealId = UUID.randomUUID();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId(), respondBy));

        clock.set(respondBy);

        PublishedEvents.assertConforms(fired(dealId, ENGAGEMENT_RESPONSE));
    }

    private ConsumerRecord<String, String> fired(UUID target, ExpiryKind kind) {
        return expiryDue.awaitRecord(
                record -> target.toString().equals(record.key()) && readDue(record).kind() == kind, TIMEOUT);
    }
}
