package org.cosell.testsupport;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MutableClockTest {

    private static final Duration TOLERANCE = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock();

    @Test
    void followsSystemTimeInUtcByDefault() {
        assertThat(clock.instant()).isCloseTo(Instant.now(), within(TOLERANCE));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void setMovesTheReadingAndKeepsTicking() {
        Instant target = Instant.parse("2030-01-01T00:00:00Z");

        clock.set(target);

        Instant first = clock.instant();
        assertThat(first).isCloseTo(target, within(TOLERANCE)).isAfterOrEqualTo(target);
        assertThat(clock.instant()).isAfterOrEqualTo(first);
    }

    @Test
    void advanceAddsToTheCurrentOffset() {
        clock.advance(Duration.ofDays(2));
        clock.advance(Duration.ofHours(-1));

        assertThat(clock.instant()).isCloseTo(Instant.now().plus(Duration.ofHours(47)), within(TOLERANCE));
    }

    @Test
    void resetFollowsSystemTimeAgain() {
        clock.set(Instant.parse("2001-01-01T00:00:00Z"));

        clock.reset();

        assertThat(clock.instant()).isCloseTo(Instant.now(), within(TOLERANCE));
    }

    @Test
    void aViewInAnotherZoneMovesTogether() {
        var paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofDays(30));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isCloseTo(clock.instant(), within(TOLERANCE));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void concurrentAdvancesAreAllApplied() throws InterruptedException {
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 1000; j++) {
                    clock.advance(Duration.ofSeconds(1));
                }
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(clock.instant()).isCloseTo(Instant.now().plusSeconds(8000), within(TOLERANCE));
    }
}
