package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Contact;

/**
 * A partner asks Microsoft for help on a deal.
 *
 * @param notes                 what help is wanted
 * @param customerContact       a contact to use from now on, or {@code null} to keep the deal's own
 * @param consentToShareContact whether the customer agreed that Microsoft sees the contact
 */
public record CosellRequest(String notes, Contact customerContact, boolean consentToShareContact) {
}
