package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The Microsoft seller answering a co-sell request. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Seller(String name, String email) {
}
