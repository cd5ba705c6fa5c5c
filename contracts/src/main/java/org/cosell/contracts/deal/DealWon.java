package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Registration;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code cosell.deal.won.v1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealWon(UUID dealId, String partnerId, Registration registration, Instant wonAt, Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealWon(UUID dealId, String partnerId, Registration registration, Instant wonAt) {
        this(dealId, partnerId, registration, wonAt, null);
    }
}
