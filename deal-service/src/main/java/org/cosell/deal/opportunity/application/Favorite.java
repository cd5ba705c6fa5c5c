package org.cosell.deal.opportunity.application;

import org.cosell.support.PartnerScopedId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * One user's mark on one opportunity. The id is {@link PartnerScopedId} of the partner id, the
 * opportunity id and the user id, so a mark exists once, and users of two partners never share
 * marks, whatever text their ids hold (a user id is only unique within its partner).
 */
@Document("favorites")
@CompoundIndex(name = "partner_user", def = "{'partnerId': 1, 'userId': 1}")
public record Favorite(@Id String id, String partnerId, String userId, UUID opportunityId, Instant markedAt) {

    static String idOf(String partnerId, String userId, UUID opportunityId) {
        return PartnerScopedId.of(partnerId, opportunityId.toString(), userId);
    }
}
