package org.cosell.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundLoopTest {

    private static final Duration LONG_IDLE_WAIT = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration SOON = Duration.ofSeconds(5);

    private BackgroundLoop loop;

    @AfterEach
    void stopLoop() {
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void roundsFollowEachOtherAtOnceWhileMoreIsWaitingThenWaitForAWakeUp() {
        Queue<Boolean> moreWaiting = new ConcurrentLinkedQueue<>(List.of(true, true, false));
        AtomicInteger rounds = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", LONG_IDLE_WAIT, GRACE, () -> {
            rounds.incrementAndGet();
            Boolean more = moreWaiting.poll();
            return more != null && more;
        });

        loop.start();

        await().atMost(SOON).until(() -> rounds.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(SOON).until(() -> rounds.get() == 3);
        loop.wakeUp();
        await().atMost(SOON).until(() -> rounds.get() == 4);
    }

    @Test
    void anIdleWaitThatEndsWithoutAWakeUpSaysSoAndStartsTheNextRound() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger idleWaitsElapsed = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", Duration.ofMillis(50), GRACE, () -> {
            rounds.incrementAndGet();
            return false;
        }, idleWaitsElapsed::incrementAndGet);

        loop.start();

        await().atMost(SOON).until(() -> rounds.get() >= 3 && idleWaitsElapsed.get() >= 2);
    }

    @Test
    void asksHowLongToWaitBeforeEveryIdleWait() {
        Queue<Duration> waits = new ConcurrentLinkedQueue<>(List.of(Duration.ofMillis(20), Duration.ofMillis(30)));
        AtomicInteger rounds = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", () -> {
            Duration next = waits.poll();
            return next == null ? LONG_IDLE_WAIT : next;
        }, GRACE, () -> {
            rounds.incrementAndGet();
            return false;
        }, () -> {
        });

        loop.start();

        await().atMost(SOON).until(() -> rounds.get() == 3 && waits.isEmpty());
        await().during(Duration.ofMillis(300)).atMost(SOON).until(() -> rounds.get() == 3);
    }

    @Test
    void aWakeUpIsNoIdleWaitElapsing() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger idleWaitsElapsed = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", LONG_IDLE_WAIT, GRACE, () -> {
            rounds.incrementAndGet();
            return false;
        }, idleWaitsElapsed::incrementAndGet);
        loop.start();
        await().atMost(SOON).until(() -> rounds.get() == 1);

        loop.wakeUp();

        await().atMost(SOON).until(() -> rounds.get() == 2);
        assertThat(idleWaitsElapsed).hasValue(0);
    }

    @Test
    void aFailedRoundIsTriedAgainAfterTheIdleWaitAndTheLoopCarriesOn() {
        AtomicInteger rounds = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", Duration.ofMillis(50), GRACE, () -> {
            if (rounds.incrementAndGet() <= 2) {
                throw new IllegalStateException("the database is away");
            }
            return false;
        });

        loop.start();

        await().atMost(SOON).until(() -> rounds.get() >= 4);
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void stoppingLetsTheRoundInHandFinishWithinTheGrace() throws InterruptedException {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", LONG_IDLE_WAIT, GRACE, () -> {
            rounds.incrementAndGet();
            inRound.countDown();
            try {
                mayFinish.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            finished.set(true);
            return true;
        });
        loop.start();
        assertThat(inRound.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        Thread stopper = new Thread(loop::stop);
        stopper.start();
        await().atMost(SOON).until(() -> !loop.isRunning());
        mayFinish.countDown();
        stopper.join(SOON.toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(rounds).as("no round starts once stopping").hasValue(1);
    }

    @Test
    void aRoundThatOutlivesTheGraceIsInterrupted() {
        CountDownLatch inRound = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        loop = new BackgroundLoop("test-loop", LONG_IDLE_WAIT, Duration.ofMillis(100), () -> {
            inRound.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return false;
        });
        loop.start();
        await().atMost(SOON).until(() -> inRound.getCount() == 0);

        loop.stop();

        assertThat(interrupted).isTrue();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void startingTwiceRunsOneThreadAndAStoppedLoopStartsAgain() {
        Set<Thread> roundThreads = ConcurrentHashMap.newKeySet();
        AtomicInteger rounds = new AtomicInteger();
        loop = new BackgroundLoop("test-loop", Duration.ofMillis(10), GRACE, () -> {
            roundThreads.add(Thread.currentThread());
            rounds.incrementAndGet();
            return false;
        });

        loop.start();
        loop.start();
        await().atMost(SOON).until(() -> rounds.get() >= 10);
        loop.stop();
        assertThat(roundThreads).hasSize(1);
        int roundsWhenStopped = rounds.get();
        loop.start();

        await().atMost(SOON).until(() -> rounds.get() > roundsWhenStopped);
        assertThat(roundThreads).hasSize(2);
    }
}
