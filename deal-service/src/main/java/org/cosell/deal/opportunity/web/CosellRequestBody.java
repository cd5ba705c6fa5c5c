package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.Limits;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.HelpType;
import org.cosell.deal.opportunity.domain.CosellRequest;

/**
 * Asking Microsoft for help (docs/api.md): what help is wanted, and the customer's consent to share its
 * contact; {@code customerContact}, when given, replaces the deal's and must be complete. {@code helpType}
 * may be left out of a deal's first request only.
 */
public record CosellRequestBody(
        @NotBlank @Size(max = Limits.NOTES) String notes,
        HelpType helpType,
        @Valid CompleteContact customerContact,
        @NotNull @AssertTrue(message = "must be true: Microsoft needs the customer contact") Boolean consentToShareContact) {

    record CompleteContact(
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotBlank @Size(max = Limits.PHONE) String phone,
            @NotBlank @Email @Size(max = Limits.EMAIL) String email) {
    }

    CosellRequest toRequest() {
        Contact contact = customerContact == null ? null
                : new Contact(customerContact.name().strip(), customerContact.phone().strip(),
                        customerContact.email().strip());
        return new CosellRequest(notes, contact, consentToShareContact, helpType);
    }
}
