package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.Limits;
import org.cosell.contracts.common.DealDetails;
import org.cosell.deal.opportunity.domain.CosellRequest;
import org.cosell.deal.opportunity.domain.CustomerIdentity;
import org.cosell.deal.opportunity.domain.DealTerms;
import org.cosell.deal.opportunity.web.DealRequests.CustomerBody;
import org.cosell.deal.opportunity.web.DealRequests.EmployeeBody;
import org.cosell.deal.opportunity.web.DealRequests.MicrosoftHelpBody;
import org.cosell.deal.opportunity.web.DealRequests.MoneyBody;
import org.cosell.deal.opportunity.web.DealRequests.SolutionBody;
import org.cosell.support.validation.FourDigitYear;

import java.time.LocalDate;
import java.util.List;

/** An outbound deal as the partner creates it (docs/api.md); fields not listed here are ignored. */
@CosellReady
public record CreateDealRequest(
        @NotBlank @Size(max = Limits.NAME) String name,
        @NotNull @Valid MoneyBody estimatedValue,
        @NotNull @FutureOrPresent @FourDigitYear LocalDate estimatedCloseDate,
        @Size(max = Limits.NOTES) String notes,
        @Size(max = Limits.REFERENCE) String crmId,
        @Size(max = Limits.REFERENCE) String campaignId,
        @NotNull @Valid CustomerBody customer,
        @NotEmpty @Size(max = Limits.EMPLOYEES) List<@NotNull @Valid EmployeeBody> employees,
        @NotEmpty @Size(max = Limits.SOLUTIONS) List<@NotNull @Valid SolutionBody> solutions,
        @Valid MicrosoftHelpBody microsoftHelp) {

    CustomerIdentity customerIdentity() {
        return new CustomerIdentity(customer.name().strip(), customer.dunsNumber(), customer.address().toAddress());
    }

    DealTerms terms() {
        return new DealTerms(new DealDetails(name.strip(), estimatedValue.toMoney(), estimatedCloseDate, notes, crmId,
                campaignId, employees.stream().map(EmployeeBody::toContact).toList(),
                solutions.stream().map(SolutionBody::toSolution).toList()),
                customer.contact() == null ? null : customer.contact().toContact(),
                customer.consents());
    }

    /** Microsoft's help asked for at creation, or {@code null}. */
    CosellRequest help() {
        return microsoftHelp != null && microsoftHelp.isRequested()
                ? new CosellRequest(microsoftHelp.notes(), null, customer.consents(), microsoftHelp.helpType())
                : null;
    }
}
