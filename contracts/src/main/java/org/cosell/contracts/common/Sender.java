package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The sender of a referral; {@code partnerId} is set when {@code kind} is PARTNER. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sender(SenderKind kind, String name, String email, String partnerId) {
}
