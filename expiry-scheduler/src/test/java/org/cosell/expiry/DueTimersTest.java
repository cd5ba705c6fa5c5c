package org.cosell.expiry;

import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.expiry.DueTimers.DueTimer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The view's order must be the database's claim order, or a claimed span would miss timers it holds. */
class DueTimersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void timersComeOutDueFirstAndByIdAsTextAsTheIndexOrdersThem() {
        Random random = new Random(7);
        List<DueTimer> armed = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ExpiryKind kind = ExpiryKind.values()[random.nextInt(ExpiryKind.values().length)];
            // few due times, so that ties by id are common; ids with the high bit set in either half too
            armed.add(new DueTimer(kind, new UUID(random.nextLong(), random.nextLong()), NOW.minusSeconds(random.nextInt(5))));
        }
        DueTimers view = new DueTimers();
        armed.forEach(timer -> view.add(timer.kind(), timer.targetId(), timer.dueAt()));

        List<DueTimer> taken = view.takeDue(NOW, Integer.MAX_VALUE);

        assertThat(taken).containsExactlyElementsOf(armed.stream()
                .sorted(Comparator.comparing(DueTimer::dueAt).thenComparing(DueTimer::id)).toList());
        assertThat(view.size()).isZero();
    }

    @Test
    void aLookTakesOnlyWhatIsDueAndAtMostItsLimit() {
        DueTimers view = new DueTimers();
        view.add(ExpiryKind.REFERRAL_RESPONSE, UUID.randomUUID(), NOW.plusMillis(1));
        for (int i = 0; i < 3; i++) {
            view.add(ExpiryKind.REFERRAL_REMINDER, UUID.randomUUID(), NOW.minusSeconds(i));
        }

        assertThat(view.anyDueBy(NOW.minusSeconds(3))).isFalse();
        assertThat(view.takeDue(NOW, 2)).hasSize(2).allSatisfy(timer -> assertThat(timer.dueAt()).isBefore(NOW));
        assertThat(view.takeDue(NOW, 2)).hasSize(1);
        assertThat(view.anyDueBy(NOW)).isFalse();
        assertThat(view.size()).isEqualTo(1);
        assertThat(view.takeDue(NOW.plusMillis(1), 2)).extracting(DueTimer::kind).containsExactly(ExpiryKind.REFERRAL_RESPONSE);
    }

    @Test
    void aRebuildReplacesTheViewAndKeepsWhatWasArmedWhileItRead() {
        DueTimers view = new DueTimers();
        UUID firedMeanwhile = UUID.randomUUID();
        view.add(ExpiryKind.REFERRAL_RESPONSE, firedMeanwhile, NOW);

        DueTimers rebuilt = view.startRebuild();
        UUID inTheDatabase = UUID.randomUUID();
        rebuilt.add(ExpiryKind.ENGAGEMENT_RESPONSE, inTheDatabase, NOW);
        UUID armedWhileReading = UUID.randomUUID();
        view.add(ExpiryKind.REFERRAL_REMINDER, armedWhileReading, NOW);
        view.finishRebuild(rebuilt);

        assertThat(view.takeDue(NOW, 10)).extracting(DueTimer::targetId)
                .containsExactlyInAnyOrder(inTheDatabase, armedWhileReading);
    }

    @Test
    void anAbandonedRebuildLeavesTheViewAsItWas() {
        DueTimers view = new DueTimers();
        UUID armed = UUID.randomUUID();
        view.add(ExpiryKind.REFERRAL_RESPONSE, armed, NOW);
        view.startRebuild();
        view.abandonRebuild();
        view.add(ExpiryKind.REFERRAL_RESPONSE, UUID.randomUUID(), NOW);

        assertThat(view.size()).isEqualTo(2);
    }
}
