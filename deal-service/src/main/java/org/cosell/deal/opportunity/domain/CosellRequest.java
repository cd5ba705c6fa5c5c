package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.HelpType;
import org.cosell.support.domain.RuleViolation;

/**
 * A partner asks Microsoft for help on a deal.
 *
 * @param notes                 what help is wanted
 * @param customerContact       a contact to use from now on, or {@code null} to keep the deal's own
 * @param consentToShareContact whether the customer agreed that Microsoft sees the contact
 * @param helpType              what kind of help is wanted; may be left out of a deal's first request only
 */
public record CosellRequest(String notes, Contact customerContact, boolean consentToShareContact, HelpType helpType) {

    /**
     * The customer contact Microsoft gets: this request's, else the deal's {@code known} one.
     *
     * @throws RuleViolation unless the request says what help is wanted, the customer agreed to
     *                       share the contact, and the contact has a name, phone and e-mail
     */
    Contact sharedContact(Contact known) {
        if (notes == null || notes.isBlank()) {
            throw new RuleViolation("notes", "must say what help is wanted");
        }
        if (!consentToShareContact) {
            throw new RuleViolation("consentToShareContact", "must be true: Microsoft needs the customer contact");
        }
        Contact contact = customerContact != null ? customerContact : known;
        if (contact == null || isBlank(contact.name()) || isBlank(contact.phone()) || isBlank(contact.email())) {
            throw new RuleViolation("customerContact",
                    "a customer contact with name, phone and e-mail is required to ask Microsoft for help");
        }
        return contact;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
