package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Address;

/** Who the customer is: fixed when the deal is created, never edited (docs/api.md). */
public record CustomerIdentity(String name, String dunsNumber, Address address) {
}
