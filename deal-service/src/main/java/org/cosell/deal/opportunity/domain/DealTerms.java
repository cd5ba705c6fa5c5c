package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.DealDetails;

import java.util.List;

/**
 * What a partner may change on an ACCEPTED deal (docs/api.md): the deal's terms as its events carry
 * them, and the customer contact with the customer's consent to share it.
 */
public record DealTerms(DealDetails deal, Contact customerContact, boolean consentToShareContact) {

    public DealTerms {
        deal = listed(deal);
    }

    /** {@code deal} with its lists unmodifiable, and an absent list empty, as an opportunity stores them. */
    static DealDetails listed(DealDetails deal) {
        return new DealDetails(deal.name(), deal.estimatedValue(), deal.estimatedCloseDate(), deal.notes(), deal.crmId(),
                deal.campaignId(), deal.employees() == null ? List.of() : List.copyOf(deal.employees()),
                deal.solutions() == null ? List.of() : List.copyOf(deal.solutions()));
    }
}
