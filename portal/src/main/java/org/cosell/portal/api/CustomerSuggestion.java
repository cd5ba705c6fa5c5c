package org.cosell.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A company the customer lookup ({@code GET /api/customers}) suggests, with its D-U-N-S number when known. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerSuggestion(String name, String dunsNumber, Opportunity.Address address) {
}
