package org.cosell.referral.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Money;
import org.cosell.support.validation.FourDigitYear;
import org.cosell.support.validation.IsoCurrency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The deal terms a partner gives when accepting a referral (docs/api.md). */
public record AcceptReferralRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid MoneyRequest estimatedValue,
        @NotNull @FutureOrPresent @FourDigitYear LocalDate estimatedCloseDate,
        @Size(max = 5000) String notes,
        @Size(max = 100) String crmId,
        @Size(max = 100) String campaignId,
        @NotEmpty List<@NotNull @Valid EmployeeRequest> employees) {

    public record MoneyRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 2) BigDecimal amount,
            @NotBlank @IsoCurrency String currency) {
    }

    public record EmployeeRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 50) String phone,
            @NotBlank @Email @Size(max = 254) String email) {
    }

    DealDetails toTerms() {
        return new DealDetails(name.strip(), new Money(estimatedValue.amount(), estimatedValue.currency()),
                estimatedCloseDate, notes, crmId, campaignId,
                employees.stream().map(employee -> new Contact(employee.name(), employee.phone(), employee.email()))
                        .toList(),
                List.of());
    }
}
