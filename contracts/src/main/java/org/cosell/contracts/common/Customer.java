package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The customer of an opportunity; its contact leaves the partner's side only with consent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Customer(String name, String dunsNumber, Address address, Contact contact, boolean consentToShareContact) {
}
