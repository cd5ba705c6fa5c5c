package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A postal address; {@code country} (ISO 3166 alpha-2) is the only mandatory part. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Address(String street, String city, String region, String postalCode, String country) {
}
