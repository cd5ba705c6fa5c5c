package org.cosell.deal.favorite;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/** One user's mark on one opportunity; {@code id} is the pair (user, opportunity), so a mark exists once. */
@Document("favorites")
public record Favorite(@Id String id, String userId, String partnerId, UUID opportunityId, Instant markedAt) {

    static String idOf(String userId, UUID opportunityId) {
        return userId + "|" + opportunityId;
    }
}
