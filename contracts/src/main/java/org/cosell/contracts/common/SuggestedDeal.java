package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

/** The deal an upstream sender suggests with a referral; the partner settles the terms on accept. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SuggestedDeal(String name, Money estimatedValue, LocalDate estimatedCloseDate, String notes,
        List<Solution> solutions) {
}
