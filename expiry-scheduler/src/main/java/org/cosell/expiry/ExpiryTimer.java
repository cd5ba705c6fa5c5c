package org.cosell.expiry;

import org.cosell.contracts.expiry.ExpiryKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * One deadline, stored in {@code timers}. The id is the kind and the target, so arming the same deadline
 * twice finds the same document, and a disarm that arrives first leaves a tombstone under that id. A target's
 * later deadline (a deal's next co-sell request) arms the settled document again. The index
 * serves the due query, {@code state} and {@code dueAt}, in the order claims take (oldest first, id breaking ties).
 *
 * @param staleAt   when firing no longer makes sense (a reminder once its referral has expired); {@code null}: never
 * @param lease     the latest claim: who holds it and until when; kept after firing as a record of who fired
 * @param settledAt when it was fired or cancelled
 */
@Document(collection = ExpiryTimer.COLLECTION)
@CompoundIndex(name = "state_dueAt", def = "{'state': 1, 'dueAt': 1, '_id': 1}")
public record ExpiryTimer(
        @Id String id,
        ExpiryKind kind,
        UUID targetId,
        String partnerId,
        Instant dueAt,
        Instant staleAt,
        TimerState state,
        Lease lease,
        Instant armedAt,
        Instant settledAt) {

    public static final String COLLECTION = "timers";

    public static String idOf(ExpiryKind kind, UUID targetId) {
        return kind.name() + ":" + targetId;
    }

    public boolean isStaleAt(Instant now) {
        return staleAt != null && !now.isBefore(staleAt);
    }

    /** @param claimId one per claimed batch, so a replica recognises exactly the timers it won */
    public record Lease(String owner, String claimId, Instant expiresAt) {
    }
}
