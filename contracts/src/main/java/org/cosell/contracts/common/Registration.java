package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;

/** What a won deal registers when one of its solutions is registration-eligible. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registration(Money finalValue, LocalDate contractSignedDate, String customerTenantId, String notes) {
}
