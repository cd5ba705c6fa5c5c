package org.cosell.contracts.expiry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.expiry.due.v1}: a deadline is due; the owner of the target decides what that means. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExpiryDue(ExpiryKind kind, UUID targetId, String partnerId, Instant dueAt) {
}
