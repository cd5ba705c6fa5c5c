package org.cosell.expiry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.expiry.TimerChange.Disarm;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.MutableClock;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.contracts.expiry.ExpiryKind.ENGAGEMENT_RESPONSE;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_REMINDER;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_RESPONSE;
import static org.cosell.expiry.TimerEventFixtures.TIMEOUT;
import static org.cosell.expiry.TimerEventFixtures.cosellRequested;
import static org.cosell.expiry.TimerEventFixtures.dealSettled;
import static org.cosell.expiry.TimerEventFixtures.engagementChanged;
import static org.cosell.expiry.TimerEventFixtures.partnerId;
import static org.cosell.expiry.TimerEventFixtures.referralReceived;
import static org.cosell.expiry.TimerEventFixtures.referralSettled;
import static org.cosell.expiry.TimerEventFixtures.send;
import static org.cosell.expiry.TimerEventFixtures.sendAndAwaitConsumed;

/** Events on the real broker arm and disarm timers in the real database. */
@CosellServiceTest
class TimerArmingIT {

    private final MutableClock clock = CosellInfrastructureInitializer.clock();

    @Autowired
    TimerStore store;

    @Test
    void aReceivedReferralArmsItsDeadlineAtRespondByAndItsReminderThreeDaysBefore() {
        UUID opportunityId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);

        send(Topics.REFERRAL_EVENTS, opportunityId, referralReceived(opportunityId, partnerId, respondBy));

        ExpiryTimer deadline = awaitState(REFERRAL_RESPONSE, opportunityId, TimerState.ARMED);
        assertThat(deadline.dueAt()).isEqualTo(respondBy);
        assertThat(deadline.partnerId()).isEqualTo(partnerId);
        assertThat(deadline.staleAt()).isNull();
        ExpiryTimer reminder = awaitState(REFERRAL_REMINDER, opportunityId, TimerState.ARMED);
        assertThat(reminder.dueAt()).isEqualTo(respondBy.minus(Duration.ofDays(3)));
        assertThat(reminder.staleAt()).as("a reminder is pointless once the referral has expired").isEqualTo(respondBy);
    }

    @Test
    void aReceivedReferralWhoseReminderTimeHasPassedArmsOnlyItsDeadline() {
        UUID opportunityId = UUID.randomUUID();

        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId,
                referralReceived(opportunityId, partnerId(), clock.instant().plus(Duration.ofDays(2))));

        assertThat(timer(REFERRAL_RESPONSE, opportunityId)).map(ExpiryTimer::state).hasValue(TimerState.ARMED);
        assertThat(timer(REFERRAL_REMINDER, opportunityId)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"REFERRAL_ACCEPTED", "REFERRAL_DECLINED", "REFERRAL_EXPIRED"})
    void anAcceptedDeclinedOrExpiredReferralDisarmsItsDeadlineAndItsReminder(EventType outcome) {
        UUID opportunityId = UUID.randomUUID();
        String partnerId = partnerId();
        send(Topics.REFERRAL_EVENTS, opportunityId,
                referralReceived(opportunityId, partnerId, clock.instant().plus(Duration.ofDays(14))));
        awaitState(REFERRAL_REMINDER, opportunityId, TimerState.ARMED);

        send(Topics.REFERRAL_EVENTS, opportunityId, referralSettled(outcome, opportunityId, partnerId));

        awaitState(REFERRAL_RESPONSE, opportunityId, TimerState.CANCELLED);
        awaitState(REFERRAL_REMINDER, opportunityId, TimerState.CANCELLED);
    }

    @Test
    void aCosellRequestArmsTheEngagementDeadlineWhichOnlyAnEngagementChangeThatSettlesItDisarms() {
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);

        send(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, respondBy));
        assertThat(awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.ARMED).dueAt()).isEqualTo(respondBy);

        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, engagementChanged(dealId, partnerId, EngagementStatus.REQUESTED));
        assertThat(timer(ENGAGEMENT_RESPONSE, dealId)).map(ExpiryTimer::state).hasValue(TimerState.ARMED);

        send(Topics.DEAL_EVENTS, dealId, engagementChanged(dealId, partnerId, EngagementStatus.ENGAGED));
        awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(value = EngagementStatus.class, names = {"DECLINED", "EXPIRED"})
    void aDealAskingAgainArmsTheNewDeadlineWhichTheFirstRequestsEventsDeliveredAgainLeaveAlone(EngagementStatus ended) {
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant firstRespondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        Instant secondRespondBy = firstRespondBy.plus(Duration.ofDays(3));
        send(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, firstRespondBy));
        awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.ARMED);
        send(Topics.DEAL_EVENTS, dealId, engagementChanged(dealId, partnerId, ended, firstRespondBy));
        awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.CANCELLED);

        send(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, secondRespondBy));
        assertThat(awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.ARMED).dueAt()).isEqualTo(secondRespondBy);

        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, firstRespondBy));
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, engagementChanged(dealId, partnerId, ended, firstRespondBy));
        assertThat(timer(ENGAGEMENT_RESPONSE, dealId)).hasValueSatisfying(timer -> {
            assertThat(timer.state()).isEqualTo(TimerState.ARMED);
            assertThat(timer.dueAt()).isEqualTo(secondRespondBy);
        });

        send(Topics.DEAL_EVENTS, dealId, engagementChanged(dealId, partnerId, EngagementStatus.ENGAGED, secondRespondBy));
        awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.CANCELLED);
    }

    @Test
    void aTimerReArmedForALaterDeadlineWhileTheEarlierOneWasBeingPublishedStaysArmedForTheLaterOne() {
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant now = clock.instant();
        Instant firstRespondBy = now.plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        Instant secondRespondBy = firstRespondBy.plus(Duration.ofDays(3));
        store.arm(new Arm(ENGAGEMENT_RESPONSE, dealId, partnerId, firstRespondBy, null), now);
        ExpiryTimer published = timer(ENGAGEMENT_RESPONSE, dealId).orElseThrow();
        store.disarm(new Disarm(ENGAGEMENT_RESPONSE, dealId, partnerId, firstRespondBy), now);
        store.armAll(List.of(new Arm(ENGAGEMENT_RESPONSE, dealId, partnerId, secondRespondBy, null)), now);

        store.markFired(List.of(published), now);

        assertThat(timer(ENGAGEMENT_RESPONSE, dealId)).hasValueSatisfying(timer -> {
            assertThat(timer.state()).isEqualTo(TimerState.ARMED);
            assertThat(timer.dueAt()).isEqualTo(secondRespondBy);
        });
        store.markFired(List.of(timer(ENGAGEMENT_RESPONSE, dealId).orElseThrow()), now);
        assertThat(timer(ENGAGEMENT_RESPONSE, dealId)).map(ExpiryTimer::state).hasValue(TimerState.FIRED);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"DEAL_WON", "DEAL_LOST"})
    void aWonOrLostDealDisarmsTheEngagementDeadline(EventType outcome) {
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();
        send(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, clock.instant().plus(Duration.ofDays(14))));
        awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.ARMED);

        send(Topics.DEAL_EVENTS, dealId, dealSettled(outcome, dealId, partnerId));

        awaitState(ENGAGEMENT_RESPONSE, dealId, TimerState.CANCELLED);
    }

    @Test
    void aDisarmThatArrivesBeforeItsArmLeavesATombstoneSoTheLateArmDoesNothing() {
        UUID opportunityId = UUID.randomUUID();
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();

        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId,
                referralSettled(EventType.REFERRAL_DECLINED, opportunityId, partnerId));
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, engagementChanged(dealId, partnerId, EngagementStatus.DECLINED));
        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId,
                referralReceived(opportunityId, partnerId, clock.instant().plus(Duration.ofDays(14))));
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, clock.instant().plusSeconds(1)));

        for (ExpiryTimer tombstone : new ExpiryTimer[] {timer(REFERRAL_RESPONSE, opportunityId).orElseThrow(),
                timer(REFERRAL_REMINDER, opportunityId).orElseThrow(), timer(ENGAGEMENT_RESPONSE, dealId).orElseThrow()}) {
            assertThat(tombstone.state()).as(tombstone.id()).isEqualTo(TimerState.CANCELLED);
            assertThat(tombstone.dueAt()).as("the late arm did not write into " + tombstone.id()).isNull();
        }
    }

    @Test
    void aRedeliveredArmChangesNothing() {
        UUID opportunityId = UUID.randomUUID();
        String received = referralReceived(opportunityId, partnerId(), clock.instant().plus(Duration.ofDays(14)));
        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId, received);
        ExpiryTimer first = timer(REFERRAL_RESPONSE, opportunityId).orElseThrow();
        clock.advance(Duration.ofHours(1));

        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId, received);

        assertThat(timer(REFERRAL_RESPONSE, opportunityId)).hasValue(first);
    }

    @Test
    void armingABatchInsertsOnlyTheNewTimersAndLeavesArmedOnesAndTombstonesAsTheyAre() {
        String partnerId = partnerId();
        Instant due = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        UUID alreadyArmed = UUID.randomUUID();
        UUID disarmedFirst = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        store.arm(new Arm(REFERRAL_RESPONSE, alreadyArmed, partnerId, due, null), clock.instant());
        ExpiryTimer armedBefore = timer(REFERRAL_RESPONSE, alreadyArmed).orElseThrow();
        store.disarm(new Disarm(REFERRAL_RESPONSE, disarmedFirst, partnerId), clock.instant());
        clock.advance(Duration.ofMinutes(1));
        Instant armedAt = clock.instant();

        int armed = store.armAll(List.of(
                new Arm(REFERRAL_RESPONSE, alreadyArmed, partnerId, due.plusSeconds(60), null),
                new Arm(REFERRAL_RESPONSE, disarmedFirst, partnerId, due, null),
                new Arm(REFERRAL_RESPONSE, fresh, partnerId, due, null),
                new Arm(REFERRAL_RESPONSE, fresh, partnerId, due.plusSeconds(60), null)), armedAt);

        assertThat(armed).isEqualTo(1);
        assertThat(timer(REFERRAL_RESPONSE, alreadyArmed)).hasValue(armedBefore);
        ExpiryTimer tombstone = timer(REFERRAL_RESPONSE, disarmedFirst).orElseThrow();
        assertThat(tombstone.state()).isEqualTo(TimerState.CANCELLED);
        assertThat(tombstone.dueAt()).isNull();
        ExpiryTimer inserted = timer(REFERRAL_RESPONSE, fresh).orElseThrow();
        assertThat(inserted.state()).isEqualTo(TimerState.ARMED);
        assertThat(inserted.dueAt()).isEqualTo(due);
        assertThat(inserted.partnerId()).isEqualTo(partnerId);
        assertThat(inserted.armedAt()).isEqualTo(armedAt.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void anArmEventWithoutItsDeadlineGoesToTheDeadLetterTopicWithTheReason() {
        UUID opportunityId = UUID.randomUUID();
        try (TopicRecorder deadLetters = KafkaTestClient.shared().records(Topics.deadLetter(Topics.REFERRAL_EVENTS))) {

            send(Topics.REFERRAL_EVENTS, opportunityId, referralReceived(opportunityId, partnerId(), null));

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                    record -> opportunityId.toString().equals(record.key()), TIMEOUT);
            assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).isEqualTo("data.respondBy: is required");
        }
        assertThat(timer(REFERRAL_RESPONSE, opportunityId)).isEmpty();
    }

    @Test
    void anArmEventForAPartnerIdThatIsNoMpnIdGoesToTheDeadLetterTopic() {
        UUID opportunityId = UUID.randomUUID();
        try (TopicRecorder deadLetters = KafkaTestClient.shared().records(Topics.deadLetter(Topics.REFERRAL_EVENTS))) {

            send(Topics.REFERRAL_EVENTS, opportunityId,
                    referralReceived(opportunityId, "x".repeat(10_000), Instant.now().plus(Duration.ofDays(14))));

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                    record -> opportunityId.toString().equals(record.key()), TIMEOUT);
            assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER))
                    .isEqualTo("data.partnerId: must be an MPN id (digits)");
        }
        assertThat(timer(REFERRAL_RESPONSE, opportunityId)).isEmpty();
    }

    @Test
    void aBatchArmsTheTimersAroundAnUnreadableAndAnInvalidRecordAndDeadLettersOnlyThoseTwo() {
        UUID key = UUID.randomUUID(); // one key, one partition: the records come in order, most in one poll
        String partnerId = partnerId();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14));
        List<UUID> referrals = Stream.generate(UUID::randomUUID).limit(6).toList();
        UUID invalid = UUID.randomUUID();
        try (TopicRecorder deadLetters = KafkaTestClient.shared().records(Topics.deadLetter(Topics.REFERRAL_EVENTS))) {

            referrals.subList(0, 2).forEach(id -> send(Topics.REFERRAL_EVENTS, key, referralReceived(id, partnerId, respondBy)));
            send(Topics.REFERRAL_EVENTS, key, "{\"not\": json");
            referrals.subList(2, 4).forEach(id -> send(Topics.REFERRAL_EVENTS, key, referralReceived(id, partnerId, respondBy)));
            send(Topics.REFERRAL_EVENTS, key, referralReceived(invalid, partnerId, null));
            referrals.subList(4, 6).forEach(id -> send(Topics.REFERRAL_EVENTS, key, referralReceived(id, partnerId, respondBy)));

            referrals.forEach(id -> awaitState(REFERRAL_RESPONSE, id, TimerState.ARMED));
            deadLetters.awaitRecord(record -> "{\"not\": json".equals(record.value()), TIMEOUT);
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                    record -> record.value().contains(invalid.toString()), TIMEOUT);
            assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).isEqualTo("data.respondBy: is required");
            assertThat(deadLetters.all()).as("only the two bad records are dead-lettered")
                    .filteredOn(record -> key.toString().equals(record.key())).hasSize(2);
        }
        assertThat(timer(REFERRAL_RESPONSE, invalid)).isEmpty();
    }

    private Optional<ExpiryTimer> timer(ExpiryKind kind, UUID targetId) {
        return store.find(ExpiryTimer.idOf(kind, targetId));
    }

    private ExpiryTimer awaitState(ExpiryKind kind, UUID targetId, TimerState state) {
        return await(kind + " of " + targetId + " " + state).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> timer(kind, targetId), timer -> timer.map(ExpiryTimer::state).orElse(null) == state)
                .orElseThrow();
    }
}
