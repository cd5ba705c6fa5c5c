package org.cosell.expiry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.MutableClock;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.contracts.expiry.ExpiryKind.ENGAGEMENT_RESPONSE;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_REMINDER;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_RESPONSE;
import static org.cosell.expiry.TimerEventFixtures.TIMEOUT;
import static org.cosell.expiry.TimerEventFixtures.cosellRequested;
import static org.cosell.expiry.TimerEventFixtures.partnerId;
import static org.cosell.expiry.TimerEventFixtures.readDue;
import static org.cosell.expiry.TimerEventFixtures.readEvent;
import static org.cosell.expiry.TimerEventFixtures.referralReceived;
import static org.cosell.expiry.TimerEventFixtures.referralSettled;
import static org.cosell.expiry.TimerEventFixtures.send;
import static org.cosell.expiry.TimerEventFixtures.sendAndAwaitConsumed;

/** Due timers become {@code cosell.expiry.due} on the real broker, fired by the poller the application runs. */
@CosellServiceTest
class TimerFiringIT {

    private static final Duration ON_TIME = Duration.ofSeconds(1);

    private final MutableClock clock = CosellInfrastructureInitializer.clock();
    private TopicRecorder expiryDue;

    @Autowired
    TimerStore store;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void recordExpiryDue() {
        expiryDue = KafkaTestClient.shared().records(Topics.EXPIRY_DUE);
    }

    @AfterEach
    void stopRecording() {
        expiryDue.close();
    }

    @Test
    void theApplicationsOwnPollerFiresADeadlineArmedFromKafkaWithoutAnyManualCall() {
        UUID opportunityId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant respondBy = clock.instant().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);

        send(Topics.REFERRAL_EVENTS, opportunityId, referralReceived(opportunityId, partnerId, respondBy));

        ConsumerRecord<String, String> record = expiryDue.awaitRecord(keyed(opportunityId), TIMEOUT);
        CloudEvent<Object> event = readEvent(record);
        String timerId = ExpiryTimer.idOf(REFERRAL_RESPONSE, opportunityId);
        assertThat(event.type()).isEqualTo(EventType.EXPIRY_DUE.id());
        assertThat(event.source()).isEqualTo("/cosell/expiry-scheduler");
        assertThat(event.subject()).isEqualTo(opportunityId.toString());
        assertThat(event.id()).isEqualTo(ExpiryDuePublisher.eventIdOf(timerId));
        assertThat(event.data()).isEqualTo(new ExpiryDue(REFERRAL_RESPONSE, opportunityId, partnerId, respondBy));
        assertThat(KafkaTestClient.header(record, "content-type")).isEqualTo(CloudEvent.CONTENT_TYPE);
        assertThat(lateness(record)).isLessThan(ON_TIME);
        await().atMost(TIMEOUT).until(() -> store.find(timerId).orElseThrow().state() == TimerState.FIRED);
    }

    @Test
    void theReminderFiresAtItsTimeAndTheDeadlineAtRespondBy() {
        UUID opportunityId = UUID.randomUUID();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId, referralReceived(opportunityId, partnerId(), respondBy));

        clock.set(respondBy.minus(Duration.ofDays(3)));
        ConsumerRecord<String, String> reminder = expiryDue.awaitRecord(keyed(opportunityId), TIMEOUT);
        assertThat(readDue(reminder).kind()).isEqualTo(REFERRAL_REMINDER);
        assertThat(readDue(reminder).dueAt()).isEqualTo(respondBy.minus(Duration.ofDays(3)));
        assertThat(store.find(ExpiryTimer.idOf(REFERRAL_RESPONSE, opportunityId)).orElseThrow().state())
                .as("the deadline is not due yet").isEqualTo(TimerState.ARMED);

        clock.set(respondBy);
        ConsumerRecord<String, String> deadline = expiryDue.awaitRecord(keyed(opportunityId, REFERRAL_RESPONSE), TIMEOUT);
        assertThat(readDue(deadline).dueAt()).isEqualTo(respondBy);
        assertThat(expiryDue.all().stream().filter(keyed(opportunityId))).hasSize(2);
    }

    @Test
    void theEngagementDeadlineFiresWhenMicrosoftSellersDoNotAnswer() {
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, respondBy));

        clock.set(respondBy);

        ConsumerRecord<String, String> record = expiryDue.awaitRecord(keyed(dealId), TIMEOUT);
        assertThat(readDue(record)).isEqualTo(new ExpiryDue(ENGAGEMENT_RESPONSE, dealId, partnerId, respondBy));
        assertThat(lateness(record)).isLessThan(ON_TIME);
    }

    @Test
    void aDealAskingAgainAfterItsRequestExpiredGetsItsNewDeadlineFired() {
        UUID dealId = UUID.randomUUID();
        String partnerId = partnerId();
        Instant firstRespondBy = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, firstRespondBy));
        clock.set(firstRespondBy);
        expiryDue.awaitRecord(keyed(dealId), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> store.find(ExpiryTimer.idOf(ENGAGEMENT_RESPONSE, dealId))
                .orElseThrow().state() == TimerState.FIRED);
        Instant secondRespondBy = firstRespondBy.plus(Duration.ofDays(14)).plusMillis(7);

        sendAndAwaitConsumed(Topics.DEAL_EVENTS, dealId, cosellRequested(dealId, partnerId, secondRespondBy));
        clock.set(secondRespondBy);

        await().atMost(TIMEOUT).until(() -> expiryDue.all().stream().filter(keyed(dealId)).count() == 2);
        assertThat(expiryDue.all().stream().filter(keyed(dealId)).map(TimerEventFixtures::readDue)
                .map(ExpiryDue::dueAt)).containsExactly(firstRespondBy, secondRespondBy);
    }

    @Test
    void aDisarmedTimerNeverFires() {
        UUID declined = UUID.randomUUID();
        UUID unanswered = UUID.randomUUID();
        String partnerId = partnerId();
        Instant respondBy = clock.instant().plus(Duration.ofDays(14));
        send(Topics.REFERRAL_EVENTS, declined, referralReceived(declined, partnerId, respondBy));
        send(Topics.REFERRAL_EVENTS, unanswered, referralReceived(unanswered, partnerId, respondBy));
        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, declined, referralSettled(EventType.REFERRAL_DECLINED, declined, partnerId));

        clock.set(respondBy.plusSeconds(1));

        expiryDue.awaitRecord(keyed(unanswered, REFERRAL_RESPONSE), TIMEOUT);
        expiryDue.assertNoRecord(keyed(declined), ON_TIME);
    }

    @Test
    void anArmRedeliveredAfterItsTimerFiredDoesNotFireItAgain() {
        UUID opportunityId = UUID.randomUUID();
        String received = referralReceived(opportunityId, partnerId(), clock.instant().plusMillis(500));
        send(Topics.REFERRAL_EVENTS, opportunityId, received);
        expiryDue.awaitRecord(keyed(opportunityId), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> store.find(ExpiryTimer.idOf(REFERRAL_RESPONSE, opportunityId))
                .orElseThrow().state() == TimerState.FIRED);

        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, opportunityId, received);

        assertThat(store.find(ExpiryTimer.idOf(REFERRAL_RESPONSE, opportunityId)).orElseThrow().state())
                .isEqualTo(TimerState.FIRED);
        expiryDue.assertExactly(1, keyed(opportunityId), ON_TIME);
    }

    @Test
    void timersFireWithinASecondOfTheirDueTime() {
        String partnerId = partnerId();
        List<UUID> targets = new ArrayList<>();
        Instant firstDue = clock.instant().plusMillis(1500);
        for (int i = 0; i < 20; i++) {
            UUID target = UUID.randomUUID();
            targets.add(target);
            send(Topics.REFERRAL_EVENTS, target, referralReceived(target, partnerId, firstDue.plusMillis(75L * i)));
        }

        await("20 deadlines on " + Topics.EXPIRY_DUE).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> targets.stream().allMatch(target -> expiryDue.all().stream().anyMatch(keyed(target))));

        List<Duration> lateness = expiryDue.all().stream()
                .filter(record -> targets.contains(UUID.fromString(record.key())))
                .map(TimerFiringIT::lateness)
                .toList();
        assertThat(lateness).hasSize(20).allSatisfy(late -> assertThat(late).isLessThan(ON_TIME));
        assertThat(store.findAll(targets.stream().map(target -> ExpiryTimer.idOf(REFERRAL_RESPONSE, target)).toList()))
                .hasSize(20)
                .allSatisfy(timer -> assertThat(Duration.between(timer.dueAt(), timer.settledAt())).isLessThan(ON_TIME));
    }

    @Test
    void exposesArmedFiredLatenessAndLostClaimsAsMetrics() throws Exception {
        UUID opportunityId = UUID.randomUUID();
        send(Topics.REFERRAL_EVENTS, opportunityId, referralReceived(opportunityId, partnerId(), clock.instant().plusMillis(200)));
        expiryDue.awaitRecord(keyed(opportunityId), TIMEOUT);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(prometheus()).contains(
                "cosell_expiry_timers_armed ",
                "cosell_expiry_timers_fired_total{kind=\"REFERRAL_RESPONSE\"",
                "cosell_expiry_timers_fired_total{kind=\"ENGAGEMENT_RESPONSE\"",
                "cosell_expiry_lateness_seconds_bucket{le=\"+Inf\"}",
                "cosell_expiry_lateness_seconds_count ",
                "cosell_expiry_claims_lost_total "));
        assertThat(prometheus()).as("percentiles are Prometheus's to compute from the buckets")
                .doesNotContain("cosell_expiry_lateness_seconds{quantile=");
    }

    private String prometheus() throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** From the due time to the moment the record was produced, by the broker's timestamp. */
    private static Duration lateness(ConsumerRecord<String, String> record) {
        return Duration.between(readDue(record).dueAt(), Instant.ofEpochMilli(record.timestamp()));
    }

    private static Predicate<ConsumerRecord<String, String>> keyed(UUID target) {
        return record -> target.toString().equals(record.key());
    }

    private static Predicate<ConsumerRecord<String, String>> keyed(UUID target, ExpiryKind kind) {
        return record -> target.toString().equals(record.key()) && readDue(record).kind() == kind;
    }
}
