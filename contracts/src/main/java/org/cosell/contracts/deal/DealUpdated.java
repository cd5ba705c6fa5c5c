package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.deal.updated.v1}: a deal's terms after an edit. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealUpdated(UUID dealId, String partnerId, Customer customer, DealDetails deal, Instant updatedAt,
        Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealUpdated(UUID dealId, String partnerId, Customer customer, DealDetails deal, Instant updatedAt) {
        this(dealId, partnerId, customer, deal, updatedAt, null);
    }
}
