package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.Limits;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.Registration;
import org.cosell.deal.opportunity.web.DealRequests.MoneyBody;
import org.cosell.support.validation.FourDigitYear;

import java.time.LocalDate;

/** The bodies of {@code won} and {@code lost} (docs/api.md). */
final class OutcomeRequests {

    private OutcomeRequests() {
    }

    /** @param registration required when one of the deal's solutions is registration-eligible */
    record WonRequest(@Valid RegistrationBody registration) {

        Registration toRegistration() {
            return registration == null ? null : registration.toRegistration();
        }
    }

    record RegistrationBody(
            @NotNull @Valid MoneyBody finalValue,
            @NotNull @PastOrPresent @FourDigitYear LocalDate contractSignedDate,
            @Size(max = Limits.REFERENCE) String customerTenantId,
            @Size(max = Limits.NOTES) String notes) {

        Registration toRegistration() {
            return new Registration(finalValue.toMoney(), contractSignedDate, customerTenantId, notes);
        }
    }

    record LostRequest(LostReason reason, @Size(max = Limits.NOTES) String notes) {
    }
}
