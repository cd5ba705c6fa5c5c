package org.cosell.contracts.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Sender;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.referral.accepted.v1}: the partner accepted. It carries all deal-service needs to hold the deal, even if it never saw the referral arrive. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralAccepted(
        UUID opportunityId,
        String referralId,
        String partnerId,
        Sender sender,
        Customer customer,
        DealDetails deal,
        Instant receivedAt,
        Instant acceptedAt,
        Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public ReferralAccepted(UUID opportunityId, String referralId, String partnerId, Sender sender, Customer customer,
                            DealDetails deal, Instant receivedAt, Instant acceptedAt) {
        this(opportunityId, referralId, partnerId, sender, customer, deal, receivedAt, acceptedAt, null);
    }
}
