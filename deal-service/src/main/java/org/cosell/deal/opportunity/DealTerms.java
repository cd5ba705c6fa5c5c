package org.cosell.deal.opportunity;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Solution;

import java.time.LocalDate;
import java.util.List;

/** What a partner may change on an ACCEPTED deal (docs/api.md): its terms and the customer contact. */
public record DealTerms(
        String name,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        String notes,
        String crmId,
        String campaignId,
        List<Contact> employees,
        List<Solution> solutions,
        Contact customerContact,
        boolean consentToShareContact) {

    public DealTerms {
        employees = employees == null ? List.of() : List.copyOf(employees);
        solutions = solutions == null ? List.of() : List.copyOf(solutions);
    }

    DealDetails details() {
        return new DealDetails(name, estimatedValue, estimatedCloseDate, notes, crmId, campaignId, employees, solutions);
    }
}
