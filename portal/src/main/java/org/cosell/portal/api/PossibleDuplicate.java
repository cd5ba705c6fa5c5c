package org.cosell.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An open opportunity of the partner that is probably for the same customer: a warning, never a refusal. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PossibleDuplicate(String id, String name, String stage, Opportunity.Customer customer) {
}
