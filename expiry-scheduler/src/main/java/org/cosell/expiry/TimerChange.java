package org.cosell.expiry;

import org.cosell.contracts.expiry.ExpiryKind;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What an event does to a timer. */
public sealed interface TimerChange {

    ExpiryKind kind();

    UUID targetId();

    default String timerId() {
        return ExpiryTimer.idOf(kind(), targetId());
    }

    /** Times are kept to the millisecond, MongoDB's precision, so the stored and the announced {@code dueAt} agree. */
    record Arm(ExpiryKind kind, UUID targetId, String partnerId, Instant dueAt, Instant staleAt) implements TimerChange {
        public Arm {
            dueAt = dueAt.truncatedTo(ChronoUnit.MILLIS);
            staleAt = staleAt == null ? null : staleAt.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /**
     * @param dueAt the deadline to cancel, when the target may have had others before it (a deal's co-sell
     *              requests); {@code null}: whatever deadline the timer holds
     */
    record Disarm(ExpiryKind kind, UUID targetId, String partnerId, Instant dueAt) implements TimerChange {
        public Disarm {
            dueAt = dueAt == null ? null : dueAt.truncatedTo(ChronoUnit.MILLIS);
        }

        Disarm(ExpiryKind kind, UUID targetId, String partnerId) {
            this(kind, targetId, partnerId, null);
        }
    }
}
