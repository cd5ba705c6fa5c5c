package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.Limits;
import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SolutionType;
import org.cosell.support.validation.IsoCountry;
import org.cosell.support.validation.IsoCurrency;

import java.math.BigDecimal;

/** The parts deal requests are made of, each with the limits of docs/api.md. */
final class DealRequests {

    static final String SOLUTION_TYPES = "PARTNER|MICROSOFT|THIRD_PARTY";

    private DealRequests() {
    }

    record MoneyBody(
            @NotNull @DecimalMin(value = "0", inclusive = false)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) BigDecimal amount,
            @NotBlank @IsoCurrency String currency) {

        static MoneyBody of(Money money) {
            return money == null ? null : new MoneyBody(money.amount(), money.currency());
        }

        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    /** A person on the partner's side: name, phone and e-mail are all needed. */
    record EmployeeBody(
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotBlank @Size(max = Limits.PHONE) String phone,
            @NotBlank @Email @Size(max = Limits.EMAIL) String email) {

        static EmployeeBody of(Contact contact) {
            return new EmployeeBody(contact.name(), contact.phone(), contact.email());
        }

        Contact toContact() {
            return new Contact(name.strip(), phone.strip(), email.strip());
        }
    }

    /** The customer's contact; each part may be missing until Microsoft's help is requested. */
    record ContactBody(
            @Size(max = Limits.NAME) String name,
            @Size(max = Limits.PHONE) String phone,
            @Email @Size(max = Limits.EMAIL) String email) {

        static ContactBody of(Contact contact) {
            return contact == null ? null : new ContactBody(contact.name(), contact.phone(), contact.email());
        }

        Contact toContact() {
            return new Contact(name, phone, email);
        }

        boolean isComplete() {
            return name != null && !name.isBlank() && phone != null && !phone.isBlank() && email != null
                    && !email.isBlank();
        }
    }

    /** A solution of a known type; a type is checked as text so that it is reported with every other error. */
    record SolutionBody(
            @NotBlank @Size(max = Limits.NAME) String id,
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotBlank @Pattern(regexp = SOLUTION_TYPES, message = "must be PARTNER, MICROSOFT or THIRD_PARTY") String type) {

        static SolutionBody of(Solution solution) {
            return new SolutionBody(solution.id(), solution.name(), solution.type() == null ? null : solution.type().name());
        }

        Solution toSolution() {
            return new Solution(id.strip(), name.strip(), SolutionType.valueOf(type));
        }
    }

    record AddressBody(
            @Size(max = Limits.STREET) String street,
            @Size(max = Limits.CITY) String city,
            @Size(max = Limits.REGION) String region,
            @Size(max = Limits.POSTAL_CODE) String postalCode,
            @NotBlank @IsoCountry String country) {

        Address toAddress() {
            return new Address(street, city, region, postalCode, country);
        }
    }

    record CustomerBody(
            @NotBlank @Size(max = Limits.NAME) String name,
            @Pattern(regexp = "\\d{9}", message = "must be exactly 9 digits") String dunsNumber,
            @NotNull @Valid AddressBody address,
            @Valid ContactBody contact,
            Boolean consentToShareContact) {

        /** Without the customer's explicit consent, there is none. */
        boolean consents() {
            return Boolean.TRUE.equals(consentToShareContact);
        }
    }

    record MicrosoftHelpBody(Boolean requested, @Size(max = Limits.NOTES) String notes, HelpType helpType) {

        boolean isRequested() {
            return Boolean.TRUE.equals(requested);
        }

        @AssertTrue(message = "must say what help is wanted when help is requested")
        boolean isNotes() {
            return !isRequested() || (notes != null && !notes.isBlank());
        }
    }
}
