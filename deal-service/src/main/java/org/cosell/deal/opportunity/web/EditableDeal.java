package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.Limits;
import org.cosell.contracts.common.DealDetails;
import org.cosell.deal.opportunity.domain.DealTerms;
import org.cosell.deal.opportunity.web.DealRequests.ContactBody;
import org.cosell.deal.opportunity.web.DealRequests.EmployeeBody;
import org.cosell.deal.opportunity.web.DealRequests.MoneyBody;
import org.cosell.deal.opportunity.web.DealRequests.SolutionBody;
import org.cosell.support.validation.FourDigitYear;

import java.time.LocalDate;
import java.util.List;

/**
 * The editable part of a deal in its JSON shape: what a merge patch is applied to, and the rules the
 * result must meet. Nothing outside it can be reached by a patch.
 */
record EditableDeal(
        @NotBlank @Size(max = Limits.NAME) String name,
        @NotNull @Valid MoneyBody estimatedValue,
        @NotNull @FourDigitYear LocalDate estimatedCloseDate,
        @Size(max = Limits.NOTES) String notes,
        @Size(max = Limits.REFERENCE) String crmId,
        @Size(max = Limits.REFERENCE) String campaignId,
        @NotEmpty @Size(max = Limits.EMPLOYEES) List<@NotNull @Valid EmployeeBody> employees,
        @NotEmpty @Size(max = Limits.SOLUTIONS) List<@NotNull @Valid SolutionBody> solutions,
        @NotNull @Valid EditableCustomer customer) {

    /** The customer's editable part; its identity (name, D-U-N-S, address) is not. */
    record EditableCustomer(@Valid ContactBody contact, @NotNull Boolean consentToShareContact) {
    }

    static EditableDeal of(DealTerms terms) {
        DealDetails deal = terms.deal();
        return new EditableDeal(deal.name(), MoneyBody.of(deal.estimatedValue()), deal.estimatedCloseDate(),
                deal.notes(), deal.crmId(), deal.campaignId(),
                deal.employees().stream().map(EmployeeBody::of).toList(),
                deal.solutions().stream().map(SolutionBody::of).toList(),
                new EditableCustomer(ContactBody.of(terms.customerContact()), terms.consentToShareContact()));
    }

    DealTerms toTerms() {
        return new DealTerms(new DealDetails(name.strip(), estimatedValue.toMoney(), estimatedCloseDate, notes, crmId,
                campaignId, employees.stream().map(EmployeeBody::toContact).toList(),
                solutions.stream().map(SolutionBody::toSolution).toList()),
                customer.contact() == null ? null : customer.contact().toContact(),
                customer.consentToShareContact());
    }
}
