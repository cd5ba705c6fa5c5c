package org.cosell.deal.favorite;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * One user's mark on one opportunity. The id is the document {@code {partnerId, userId,
 * opportunityId}}, so a mark exists once, and users of two partners never share marks, whatever text
 * their ids hold (a user id is only unique within its partner).
 */
@Document("favorites")
@CompoundIndex(name = "partner_user", def = "{'_id.partnerId': 1, '_id.userId': 1}")
public record Favorite(@Id Key id, Instant markedAt) {

    public record Key(String partnerId, String userId, UUID opportunityId) {
    }
}
