package org.cosell.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A daemon thread that works in rounds: the next round starts at once while a round says more is
 * waiting, otherwise on a {@link #wakeUp()} or, at the latest, after the idle wait. A failed round is
 * logged as one line and tried again after the idle wait. Stopping lets the round in hand finish,
 * for up to a grace period, before the thread is interrupted — a round cut short would leave its
 * claims or sends to be redone.
 */
public final class BackgroundLoop {

    /** One round of work. */
    @FunctionalInterface
    public interface Round {

        /** Answers whether more work is waiting, so that the next round should start at once. */
        boolean run() throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Supplier<Duration> idleWait;
    private final Duration stopGrace;
    private final Round round;
    private final Runnable onIdleWaitElapsed;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    /**
     * @param name              the thread's name, also in the log line of a failed round
     * @param idleWait          asked before each wait, so that it may change from round to round
     * @param onIdleWaitElapsed runs when a wait ended without a wake-up
     */
    public BackgroundLoop(String name, Supplier<Duration> idleWait, Duration stopGrace, Round round, Runnable onIdleWaitElapsed) {
        this.name = name;
        this.idleWait = idleWait;
        this.stopGrace = stopGrace;
        this.round = round;
        this.onIdleWaitElapsed = onIdleWaitElapsed;
    }

    public BackgroundLoop(String name, Duration idleWait, Duration stopGrace, Round round, Runnable onIdleWaitElapsed) {
        this(name, () -> idleWait, stopGrace, round, onIdleWaitElapsed);
    }

    public BackgroundLoop(String name, Duration idleWait, Duration stopGrace, Round round) {
        this(name, idleWait, stopGrace, round, () -> {
        });
    }

    /** Start a round soon: there is new work. */
    public void wakeUp() {
        wakeUps.release();
    }

    public boolean isRunning() {
        return running;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        wakeUps.drainPermits();
        worker = new Thread(this::loop, name);
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUps.release();
        try {
            worker.join(stopGrace.toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(stopGrace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!round.run()) {
                    awaitWork();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("loop", name).log("{} round failed, retrying: {}", name, e.toString());
                try {
                    awaitWork();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitWork() throws InterruptedException {
        if (!wakeUps.tryAcquire(idleWait.get().toMillis(), TimeUnit.MILLISECONDS)) {
            onIdleWaitElapsed.run();
        }
        wakeUps.drainPermits();
    }
}
