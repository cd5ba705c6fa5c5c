package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Waiting for asynchronous effects, with a progress line every ten seconds. */
final class Await {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private Await() {
    }

    /** Polls every half second until {@code done} or the timeout; answers whether it got done. */
    static boolean until(Duration timeout, Supplier<String> status, BooleanSupplier done) throws InterruptedException {
        return until(timeout, Duration.ofMillis(500), status, done);
    }

    static boolean until(Duration timeout, Duration pollEvery, Supplier<String> status, BooleanSupplier done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.now().plus(REPORT_EVERY);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                Progress.say("  gave up waiting after %d s: %s", timeout.toSeconds(), status.get());
                return false;
            }
            if (Instant.now().isAfter(nextReport)) {
                Progress.say("  ... %s", status.get());
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            Thread.sleep(pollEvery.toMillis());
        }
        return true;
    }

    /**
     * Waits until a count has stopped changing for {@code quiet} (so late duplicates have had their
     * chance to show up), or the timeout; answers the last count.
     */
    static long settled(LongSupplier count, Duration quiet, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long last = count.getAsLong();
        Instant stableSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                stableSince = Instant.now();
            } else if (Duration.between(stableSince, Instant.now()).compareTo(quiet) >= 0) {
                return now;
            }
        }
        return last;
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
