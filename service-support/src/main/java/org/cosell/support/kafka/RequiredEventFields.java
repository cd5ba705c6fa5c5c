package org.cosell.support.kafka;

import org.cosell.contracts.Limits;

/**
 * The checks every consumer makes of the fields an event's data must have, failing with an
 * {@link InvalidEventException} that names the field, so the record goes to the dead-letter topic
 * with that reason.
 */
public final class RequiredEventFields {

    private RequiredEventFields() {
    }

    /** The value, if it is there (for text: not blank). */
    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new InvalidEventException(field + ": is required");
        }
        return value;
    }

    /** {@code data.partnerId}, if it is an MPN id: the partner an event concerns is one everywhere. */
    public static String partnerIdOf(String partnerId) {
        if (!required(partnerId, "data.partnerId").matches(Limits.MPN_ID)) {
            throw new InvalidEventException("data.partnerId: must be an MPN id (digits)");
        }
        return partnerId;
    }
}
