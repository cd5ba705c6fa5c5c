package org.cosell.contracts.deal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.SalesStage;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code cosell.deal.updated.v1}: a deal's terms after an edit, or after the partner moved it to another
 * sales stage.
 *
 * @param salesStage where the partner has got with the deal; {@code null} in events from before deals had sales stages
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealUpdated(UUID dealId, String partnerId, Customer customer, DealDetails deal, Instant updatedAt,
                          SalesStage salesStage, Actor actor) {

    /** Without the person who acted, as before {@code actor} was carried. */
    public DealUpdated(UUID dealId, String partnerId, Customer customer, DealDetails deal, Instant updatedAt,
                       SalesStage salesStage) {
        this(dealId, partnerId, customer, deal, updatedAt, salesStage, null);
    }
}
