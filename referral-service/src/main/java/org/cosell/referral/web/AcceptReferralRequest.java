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
import org.cosell.contracts.Limits;
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
        @NotBlank @Size(max = Limits.NAME) String name,
        @NotNull @Valid MoneyRequest estimatedValue,
        @NotNull @FutureOrPresent @FourDigitYear LocalDate estimatedCloseDate,
        @Size(max = Limits.NOTES) String notes,
        @Size(max = Limits.REFERENCE) String crmId,
        @Size(max = Limits.REFERENCE) String campaignId,
        @NotEmpty @Size(max = Limits.EMPLOYEES) List<@NotNull @Valid EmployeeRequest> employees) {

    public record MoneyRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) BigDecimal amount,
            @NotBlank @IsoCurrency String currency) {
    }

    public record EmployeeRequest(
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotBlank @Size(max = Limits.PHONE) String phone,
            @NotBlank @Email @Size(max = Limits.EMAIL) String email) {
    }

    DealDetails toTerms() {
        return new DealDetails(name.strip(), new Money(estimatedValue.amount(), estimatedValue.currency()),
                estimatedCloseDate, notes, crmId, campaignId,
                employees.stream().map(employee -> new Contact(employee.name(), employee.phone(), employee.email()))
                        .toList(),
                List.of());
    }
}
