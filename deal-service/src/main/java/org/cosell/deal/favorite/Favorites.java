package org.cosell.deal.favorite;

import org.bson.Document;
import org.cosell.deal.opportunity.OpportunityQueries;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Each user's favorites (docs/api.md): the user's own view, not part of the opportunity, so marking
 * works in every stage and changes neither the opportunity nor its version. Marks are kept per
 * user and partner, so a user sees only marks on its partner's opportunities.
 */
@Service
public class Favorites {

    private static final String COLLECTION = "favorites";

    private final MongoTemplate mongo;
    private final OpportunityQueries opportunities;
    private final Clock clock;

    public Favorites(MongoTemplate mongo, OpportunityQueries opportunities, Clock clock) {
        this.mongo = mongo;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /** Marks the partner's opportunity {@code id}; marking again keeps the first mark. */
    public void mark(String userId, String partnerId, UUID id) {
        opportunities.get(partnerId, id);
        mongo.upsert(Query.query(Criteria.where("_id").is(Favorite.idOf(userId, id))),
                new Update().setOnInsert("userId", userId)
                        .setOnInsert("partnerId", partnerId)
                        .setOnInsert("opportunityId", id)
                        .setOnInsert("markedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS)),
                Favorite.class);
    }

    /** Removes the mark, if there is one, from the partner's opportunity {@code id}. */
    public void unmark(String userId, String partnerId, UUID id) {
        opportunities.get(partnerId, id);
        mongo.remove(Query.query(Criteria.where("_id").is(Favorite.idOf(userId, id))), Favorite.class);
    }

    /**
     * A find by id of the id alone: {@code MongoTemplate#exists} counts instead, an aggregation per
     * call, and this is asked on every read of an opportunity.
     */
    public boolean isFavorite(String userId, UUID id) {
        Query byId = Query.query(Criteria.where("_id").is(Favorite.idOf(userId, id)));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, COLLECTION) != null;
    }

    /** Which of {@code ids} the user marked. */
    public Set<UUID> marked(String userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> keys = ids.stream().map(id -> Favorite.idOf(userId, id)).collect(Collectors.toSet());
        return mongo.find(Query.query(Criteria.where("_id").in(keys)), Favorite.class).stream()
                .map(Favorite::opportunityId)
                .collect(Collectors.toSet());
    }

    /** Everything the user marked among its partner's opportunities. */
    public Set<UUID> all(String userId, String partnerId) {
        return mongo.find(Query.query(Criteria.where("userId").is(userId).and("partnerId").is(partnerId)), Favorite.class)
                .stream()
                .map(Favorite::opportunityId)
                .collect(Collectors.toSet());
    }
}
