package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A person to reach: a customer contact or one of the partner's employees on a deal. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Contact(String name, String phone, String email) {
}
