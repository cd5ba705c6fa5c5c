package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.deal.created.v1}: the partner created an outbound deal, or accepted a referral that became one. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealCreated(
        UUID dealId,
        String partnerId,
        Origin origin,
        OpportunityType type,
        String referralId,
        Customer customer,
        DealDetails deal,
        Instant createdAt,
        Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealCreated(UUID dealId, String partnerId, Origin origin, OpportunityType type, String referralId,
                       Customer customer, DealDetails deal, Instant createdAt) {
        this(dealId, partnerId, origin, type, referralId, customer, deal, createdAt, null);
    }
}
