package org.cosell.notification.delivery;

import java.util.List;
import java.util.Objects;

/**
 * Who a mail goes to, and what to record when that is nobody. Addresses are as they came (from the
 * settings or upstream); the outbox drops blanks, merges repeats and refuses invalid ones.
 */
public record Recipients(List<String> addresses, SkipReason whenNobody) {

    public Recipients {
        addresses = addresses == null ? List.of() : addresses.stream().filter(Objects::nonNull).toList();
        Objects.requireNonNull(whenNobody, "whenNobody");
    }

    public static Recipients of(List<String> addresses, SkipReason whenNobody) {
        return new Recipients(addresses, whenNobody);
    }
}
