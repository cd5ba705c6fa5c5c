package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

/** The partner-owned terms of a deal: set on accept or create, editable while ACCEPTED. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealDetails(
        String name,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        String notes,
        String crmId,
        String campaignId,
        List<Contact> employees,
        List<Solution> solutions) {
}
