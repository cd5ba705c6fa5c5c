package org.cosell.expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.expiry.DueTimers.DueTimer;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.expiry.TimerChange.Disarm;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.MutableClock;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import static org.cosell.expiry.TimerEventFixtures.sendAndAwaitConsumed;

/**
 * Several replicas on one database, a replica that stalls with claims in hand, and a restart. The other replica
 * runs in this JVM as plain objects over the same MongoDB and Kafka, next to the application's own poller.
 */
@CosellServiceTest
class ReplicasIT {

    private final MutableClock clock = CosellInfrastructureInitializer.clock();
    private TopicRecorder expiryDue;

    @Autowired
    TimerStore store;

    @Autowired
    ExpiryPoller applicationPoller;

    @Autowired
    ExpiryDuePublisher publisher;

    @Autowired
    ExpiryProperties properties;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void recordExpiryDue() {
        expiryDue = KafkaTestClient.shared().records(Topics.EXPIRY_DUE);
    }

    @AfterEach
    void restartTheApplicationPollerAndStopRecording() {
        applicationPoller.start();
        expiryDue.close();
    }

    @Test
    void twoInstancesFireEachOfAThousandTimersExactlyOnce() {
        ExpiryPoller secondInstance = replica(publisher, properties.withPollInterval(Duration.ofMillis(200)));
        String partnerId = partnerId();
        List<UUID> targets = IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID()).toList();
        Instant firstDue = clock.instant().plusSeconds(1);
        List<Arm> arms = IntStream.range(0, targets.size())
                .mapToObj(i -> new Arm(REFERRAL_RESPONSE, targets.get(i), partnerId, firstDue.plusMillis(3L * i), null))
                .toList();
        secondInstance.start();
        try {
            assertThat(store.armAll(arms, clock.instant())).isEqualTo(1000);
            for (int i = 0; i < arms.size(); i++) {
                (i % 2 == 0 ? applicationPoller : secondInstance).armed(List.of(arms.get(i)));
            }

            Set<String> keys = targets.stream().map(UUID::toString).collect(Collectors.toSet());
            await("1,000 deadlines on " + Topics.EXPIRY_DUE).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> recordsPerKey(keys).size() == 1000);
            expiryDue.assertExactly(1000, record -> keys.contains(record.key()), Duration.ofSeconds(1));
        } finally {
            secondInstance.stop();
        }
        List<ExpiryTimer> timers = store.findAll(arms.stream().map(Arm::timerId).toList());
        assertThat(timers).hasSize(1000).allSatisfy(timer -> assertThat(timer.state()).isEqualTo(TimerState.FIRED));
        Map<String, Long> firedBy = timers.stream().collect(Collectors.groupingBy(timer -> timer.lease().owner(),
                Collectors.counting()));
        assertThat(firedBy).as("timers fired per instance").containsOnlyKeys(applicationPoller.owner(), secondInstance.owner());
    }

    @Test
    void twoReplicasWhoseViewsWereReadFromTheDatabaseFireTwoThousandTimersDueAtOnceExactlyOnce() {
        List<UUID> targets = IntStream.range(0, 2000).mapToObj(i -> UUID.randomUUID()).toList();
        String partnerId = partnerId();
        Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        store.armAll(targets.stream().map(target -> new Arm(REFERRAL_RESPONSE, target, partnerId, due, null)).toList(),
                clock.instant());
        ExpiryProperties smallSpans = properties.withPollInterval(Duration.ofMillis(100))
                .withRescanInterval(Duration.ofHours(1)).withBatchSizes(100, 100);
        ExpiryPoller first = replica(publisher, smallSpans);
        ExpiryPoller second = replica(publisher, smallSpans);
        applicationPoller.stop();
        first.start();
        second.start();
        try {
            await("both views read from the database").atMost(TIMEOUT).until(() -> first.viewBuilt() && second.viewBuilt());
            clock.set(due);

            Set<String> keys = targets.stream().map(UUID::toString).collect(Collectors.toSet());
            await("2,000 deadlines on " + Topics.EXPIRY_DUE).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> recordsPerKey(keys).size() == 2000);
            expiryDue.assertExactly(2000, record -> keys.contains(record.key()), Duration.ofSeconds(1));
        } finally {
            first.stop();
            second.stop();
        }
        List<ExpiryTimer> timers = store.findAll(targets.stream().map(target -> ExpiryTimer.idOf(REFERRAL_RESPONSE, target))
                .toList());
        assertThat(timers).hasSize(2000).allSatisfy(timer -> assertThat(timer.state()).isEqualTo(TimerState.FIRED));
        Map<String, Long> firedBy = timers.stream().collect(Collectors.groupingBy(timer -> timer.lease().owner(),
                Collectors.counting()));
        assertThat(firedBy).as("timers fired per replica, each claiming spans of 100 in an order of its own")
                .containsOnlyKeys(first.owner(), second.owner());
    }

    @Test
    void twoReplicasClaimingTheSameTimersFromTheirViewsByIdWinEachTimerOnce() throws Exception {
        String partnerId = partnerId();
        Instant due = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Arm> arms = IntStream.range(0, 300)
                .mapToObj(i -> new Arm(REFERRAL_RESPONSE, UUID.randomUUID(), partnerId, due, null)).toList();
        store.armAll(arms, clock.instant());
        List<DueTimer> view = arms.stream().map(arm -> new DueTimer(arm.kind(), arm.targetId(), arm.dueAt()))
                .sorted(Comparator.comparing(DueTimer::id)).toList();
        List<DueTimer> reversed = new ArrayList<>(view);
        Collections.reverse(reversed);
        CyclicBarrier together = new CyclicBarrier(2);
        Function<String, Callable<List<String>>> replica = owner -> () -> {
            List<DueTimer> inItsOrder = owner.equals("first") ? view : reversed;
            List<String> won = new ArrayList<>();
            for (int from = 0; from < inItsOrder.size(); from += 60) {
                together.await();
                store.claimAmong(inItsOrder.subList(from, Math.min(inItsOrder.size(), from + 120)), clock.instant(), owner,
                        properties.lease()).documents().forEach(timer -> won.add(timer.id()));
            }
            return won;
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = threads.submit(replica.apply("first"));
            Future<List<String>> second = threads.submit(replica.apply("second"));
            List<String> firstWon = first.get();
            List<String> secondWon = second.get();

            List<String> all = new ArrayList<>(firstWon);
            all.addAll(secondWon);
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(arms.stream().map(Arm::timerId).toList());
            assertThat(store.findAll(firstWon)).allSatisfy(timer -> assertThat(timer.lease().owner()).isEqualTo("first"));
            assertThat(store.findAll(secondWon)).allSatisfy(timer -> assertThat(timer.lease().owner()).isEqualTo("second"));
        } finally {
            threads.shutdownNow();
            // nobody fires these claims: left firing, they would be taken over when a later test moves the clock
            // past their lease, and counted as that test's lost claims
            arms.forEach(arm -> store.disarm(new Disarm(arm.kind(), arm.targetId(), partnerId), clock.instant()));
        }
    }

    @Test
    void aClaimFromTheViewTakesTheTimersTheViewHoldsByIdAndLeavesOneItLacksToTheRescanThoughItIsDueAmongThem() {
        ExpiryPoller replica = replica(publisher, properties.withPollInterval(Duration.ofMillis(100))
                .withRescanInterval(Duration.ofHours(1)));
        String partnerId = partnerId();
        Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        List<Arm> inClaimOrder = IntStream.range(0, 3)
                .mapToObj(i -> new Arm(REFERRAL_RESPONSE, UUID.randomUUID(), partnerId, due, null))
                .sorted(Comparator.comparing(Arm::timerId)).toList();
        applicationPoller.stop();
        replica.start();
        try {
            await("the replica's view read from the database").atMost(TIMEOUT).until(replica::viewBuilt);
            store.armAll(inClaimOrder, clock.instant());
            replica.armed(List.of(inClaimOrder.get(0), inClaimOrder.get(2)));
            clock.set(due);

            List<UUID> held = List.of(inClaimOrder.get(0).targetId(), inClaimOrder.get(2).targetId());
            await("the two timers of the view fired").atMost(TIMEOUT).until(() -> recordsOf(held).size() == 2);
            UUID lacked = inClaimOrder.get(1).targetId();
            expiryDue.assertNoRecord(record -> record.key().equals(lacked.toString()), Duration.ofSeconds(1));
            assertThat(store.find(inClaimOrder.get(1).timerId()).orElseThrow().state()).isEqualTo(TimerState.ARMED);
        } finally {
            replica.stop();
        }
    }

    @Test
    void aTimerDisarmedAfterTheViewWasReadStaysInTheViewButIsNotFired() {
        ExpiryPoller replica = replica(publisher, properties.withPollInterval(Duration.ofMillis(100))
                .withRescanInterval(Duration.ofHours(1)));
        String partnerId = partnerId();
        Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        List<Arm> arms = IntStream.range(0, 3)
                .mapToObj(i -> new Arm(REFERRAL_RESPONSE, UUID.randomUUID(), partnerId, due, null)).toList();
        store.armAll(arms, clock.instant());
        applicationPoller.stop();
        replica.start();
        try {
            await("the replica's view read from the database").atMost(TIMEOUT).until(replica::viewBuilt);
            Arm disarmed = arms.get(1);
            store.disarm(new Disarm(disarmed.kind(), disarmed.targetId(), partnerId), clock.instant());
            clock.set(due);

            List<UUID> live = List.of(arms.get(0).targetId(), arms.get(2).targetId());
            await("the live timers fired").atMost(TIMEOUT).until(() -> recordsOf(live).size() == 2);
            expiryDue.assertNoRecord(record -> record.key().equals(disarmed.targetId().toString()), Duration.ofSeconds(1));
            assertThat(store.find(disarmed.timerId()).orElseThrow().state()).isEqualTo(TimerState.CANCELLED);
        } finally {
            replica.stop();
        }
    }

    @Test
    void timersAReplicaClaimedFromItsViewAndThenDiedOnAreTakenOverByAnotherOnceTheLeaseRunsOut() throws Exception {
        List<UUID> targets = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String partnerId = partnerId();
        Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        store.armAll(targets.stream().map(target -> new Arm(REFERRAL_RESPONSE, target, partnerId, due, null)).toList(),
                clock.instant());
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ExpiryDuePublisher deadPublisher = new ExpiryDuePublisher(kafka, "/cosell/expiry-scheduler") {
            @Override
            public List<ExpiryTimer> publish(List<ExpiryTimer> timers, Duration timeout) throws InterruptedException {
                claimed.countDown();
                resume.await();
                return List.of();
            }
        };
        ExpiryProperties noRescan = properties.withPollInterval(Duration.ofMillis(100)).withRescanInterval(Duration.ofHours(1));
        ExpiryPoller dead = replica(deadPublisher, noRescan);
        SimpleMeterRegistry survivorMeters = new SimpleMeterRegistry();
        ExpiryPoller survivor = new ExpiryPoller(store, publisher, new ExpiryMetrics(survivorMeters, store), clock, noRescan);
        List<String> timerIds = targets.stream().map(target -> ExpiryTimer.idOf(REFERRAL_RESPONSE, target)).toList();
        applicationPoller.stop();
        dead.start();
        try {
            await("the first replica's view read from the database").atMost(TIMEOUT).until(dead::viewBuilt);
            clock.set(due);
            assertThat(claimed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(store.findAll(timerIds)).hasSize(3)
                    .allSatisfy(timer -> assertThat(timer.lease().owner()).isEqualTo(dead.owner()));

            survivor.start();
            await("the second replica's view read from the database").atMost(TIMEOUT).until(survivor::viewBuilt);
            expiryDue.assertNoRecord(record -> targets.contains(UUID.fromString(record.key())), Duration.ofSeconds(1));

            clock.set(due.plus(properties.lease()).plusSeconds(1));
            await("the second replica took the lapsed claims over").atMost(TIMEOUT)
                    .until(() -> recordsOf(targets).size() == 3);
        } finally {
            resume.countDown();
            dead.stop();
            survivor.stop();
        }
        assertThat(survivorMeters.get("cosell.expiry.claims.lost").counter().count()).isEqualTo(3);
        assertThat(store.findAll(timerIds)).allSatisfy(timer -> {
            assertThat(timer.state()).isEqualTo(TimerState.FIRED);
            assertThat(timer.lease().owner()).isEqualTo(survivor.owner());
        });
    }

    @Test
    void aReplicaFiresATimerItArmedWhenItFallsDueAndATimerArmedAfterItsViewWasBuiltElsewhereOnlyAtItsRescan() {
        ExpiryPoller replica = replica(publisher, properties.withPollInterval(Duration.ofMillis(100))
                .withRescanInterval(Duration.ofHours(1)));
        UUID target = UUID.randomUUID();
        Instant due = clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        applicationPoller.stop();
        replica.start();
        try {
            await("the replica's view read from the database").atMost(TIMEOUT).until(replica::viewBuilt);
            Arm arm = new Arm(REFERRAL_RESPONSE, target, partnerId(), due, null);
            store.armAll(List.of(arm), clock.instant());

            expiryDue.assertNoRecord(record -> record.key().equals(target.toString()), Duration.ofMillis(2500));

            replica.armed(List.of(arm));
            ConsumerRecord<String, String> fired = expiryDue.awaitRecord(
                    record -> record.key().equals(target.toString()), TIMEOUT);
            assertThat(readDue(fired).dueAt()).isEqualTo(due);
        } finally {
            replica.stop();
        }
    }

    @Test
    void aReplicaDrainsABacklogOfManyBatchesWithoutWaitingForItsRescan() {
        ExpiryPoller replica = replica(publisher, properties.withPollInterval(Duration.ofMillis(100))
                .withRescanInterval(Duration.ofHours(1)).withBatchSizes(10, 10));
        String partnerId = partnerId();
        List<UUID> targets = IntStream.range(0, 55).mapToObj(i -> UUID.randomUUID()).toList();
        Instant due = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Arm> arms = targets.stream().map(target -> new Arm(REFERRAL_RESPONSE, target, partnerId, due, null)).toList();
        applicationPoller.stop();
        store.armAll(arms, clock.instant());
        replica.armed(arms);
        replica.start();
        try {
            await("55 deadlines, 10 per batch").atMost(TIMEOUT).until(() -> recordsOf(targets).size() == 55);
        } finally {
            replica.stop();
        }
    }

    @Test
    void aReplicaThatStallsWithClaimsInHandLosesThemWhenItsLeaseExpiresAndTheReFireKeepsTheEventIds() throws Exception {
        double lostBefore = meters.get("cosell.expiry.claims.lost").counter().count();
        List<UUID> targets = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String partnerId = partnerId();
        Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        store.armAll(targets.stream().map(target -> new Arm(REFERRAL_RESPONSE, target, partnerId, due, null)).toList(),
                clock.instant());
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ExpiryDuePublisher stallingPublisher = new ExpiryDuePublisher(kafka, "/cosell/expiry-scheduler") {
            @Override
            public List<ExpiryTimer> publish(List<ExpiryTimer> timers, Duration timeout) throws InterruptedException {
                claimed.countDown();
                resume.await();
                return super.publish(timers, timeout);
            }
        };
        ExpiryPoller stalled = new ExpiryPoller(store, stallingPublisher, new ExpiryMetrics(new SimpleMeterRegistry(), store),
                clock, properties);
        List<String> timerIds = targets.stream().map(target -> ExpiryTimer.idOf(REFERRAL_RESPONSE, target)).toList();
        applicationPoller.stop();
        try {
            clock.set(due);
            CompletableFuture<Integer> stalledPoll = CompletableFuture.supplyAsync(() -> pollOnce(stalled));
            assertThat(claimed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(store.findAll(timerIds)).hasSize(3).allSatisfy(timer -> {
                assertThat(timer.state()).isEqualTo(TimerState.FIRING);
                assertThat(timer.lease().owner()).isEqualTo(stalled.owner());
            });

            applicationPoller.start();
            expiryDue.assertNoRecord(record -> targets.contains(UUID.fromString(record.key())), Duration.ofSeconds(1));

            clock.set(due.plus(properties.lease()).plusSeconds(1));
            await("the application took the expired claims over").atMost(TIMEOUT)
                    .until(() -> recordsOf(targets).size() == 3);
            resume.countDown();
            stalledPoll.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            resume.countDown();
        }

        await("the stalled replica published too").atMost(TIMEOUT).until(() -> recordsOf(targets).size() == 6);
        Map<String, Set<String>> eventIdsPerKey = recordsOf(targets).stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(record -> readEvent(record).id(), Collectors.toSet())));
        assertThat(eventIdsPerKey).hasSize(3).allSatisfy((key, ids) -> assertThat(ids)
                .as("both publications of " + key + " carry one event id")
                .containsExactly(ExpiryDuePublisher.eventIdOf(ExpiryTimer.idOf(REFERRAL_RESPONSE, UUID.fromString(key)))));
        assertThat(meters.get("cosell.expiry.claims.lost").counter().count() - lostBefore)
                .as("claims the application took over").isEqualTo(3);
        assertThat(store.findAll(timerIds)).allSatisfy(timer -> {
            assertThat(timer.state()).isEqualTo(TimerState.FIRED);
            assertThat(timer.lease().owner()).isEqualTo(applicationPoller.owner());
        });
    }

    @Test
    void timersThatFellDueWhileTheSchedulerWasDownFireRightAfterItComesBack() {
        UUID expiresDuringOutage = UUID.randomUUID();
        UUID remindedDuringOutage = UUID.randomUUID();
        UUID unansweredDeal = UUID.randomUUID();
        String partnerId = partnerId();
        Instant now = clock.instant();
        applicationPoller.stop();

        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, expiresDuringOutage,
                referralReceived(expiresDuringOutage, partnerId, now.plus(Duration.ofDays(4))));
        sendAndAwaitConsumed(Topics.REFERRAL_EVENTS, remindedDuringOutage,
                referralReceived(remindedDuringOutage, partnerId, now.plus(Duration.ofDays(10))));
        sendAndAwaitConsumed(Topics.DEAL_EVENTS, unansweredDeal, cosellRequested(unansweredDeal, partnerId, now.plus(Duration.ofDays(2))));
        clock.advance(Duration.ofDays(8));
        List<UUID> targets = List.of(expiresDuringOutage, remindedDuringOutage, unansweredDeal);
        expiryDue.assertNoRecord(record -> targets.contains(UUID.fromString(record.key())), Duration.ofSeconds(1));

        Instant restartedAt = Instant.now();
        applicationPoller.start();

        await("the overdue timers fired").atMost(TIMEOUT).until(() -> recordsOf(targets).size() == 3);
        Map<UUID, ExpiryKind> fired = recordsOf(targets).stream().collect(Collectors.toMap(
                record -> UUID.fromString(record.key()), record -> readDue(record).kind()));
        assertThat(fired).containsExactlyInAnyOrderEntriesOf(Map.of(
                expiresDuringOutage, REFERRAL_RESPONSE,
                remindedDuringOutage, REFERRAL_REMINDER,
                unansweredDeal, ENGAGEMENT_RESPONSE));
        assertThat(recordsOf(targets)).allSatisfy(record -> assertThat(
                Duration.between(restartedAt, Instant.ofEpochMilli(record.timestamp()))).isLessThan(Duration.ofSeconds(1)));
        assertThat(store.find(ExpiryTimer.idOf(REFERRAL_REMINDER, expiresDuringOutage)).orElseThrow().state())
                .as("no reminder for a referral that has already expired").isEqualTo(TimerState.CANCELLED);
        assertThat(store.find(ExpiryTimer.idOf(REFERRAL_RESPONSE, remindedDuringOutage)).orElseThrow().state())
                .as("not due yet").isEqualTo(TimerState.ARMED);
    }

    private ExpiryPoller replica(ExpiryDuePublisher replicaPublisher, ExpiryProperties replicaProperties) {
        return new ExpiryPoller(store, replicaPublisher, new ExpiryMetrics(new SimpleMeterRegistry(), store), clock,
                replicaProperties);
    }

    private Map<String, Long> recordsPerKey(Set<String> keys) {
        return expiryDue.all().stream().map(ConsumerRecord::key).filter(keys::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private List<ConsumerRecord<String, String>> recordsOf(List<UUID> targets) {
        return expiryDue.all().stream().filter(record -> targets.contains(UUID.fromString(record.key()))).toList();
    }

    private static int pollOnce(ExpiryPoller poller) {
        try {
            return poller.pollOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
