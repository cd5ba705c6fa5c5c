package org.cosell.deal.opportunity.application;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
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

    private static final Logger log = LoggerFactory.getLogger(Favorites.class);

    private final MongoTemplate mongo;
    private final OpportunityQueries opportunities;
    private final Clock clock;

    public Favorites(MongoTemplate mongo, OpportunityQueries opportunities, Clock clock) {
        this.mongo = mongo;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /**
     * Marks the partner's opportunity {@code id}; marking again keeps the first mark. Of two marks at
     * once, the upsert that loses the insert finds the mark already there, which is what it wanted.
     */
    public void mark(String partnerId, String userId, UUID id) {
        opportunities.get(partnerId, id);
        Update firstMark = new Update()
                .setOnInsert("partnerId", partnerId)
                .setOnInsert("userId", userId)
                .setOnInsert("opportunityId", id)
                .setOnInsert("markedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            mongo.upsert(byId(Favorite.idOf(partnerId, userId, id)), firstMark, Favorite.class);
        } catch (DuplicateKeyException alreadyMarked) {
            log.debug("Opportunity {} was marked at the same time by the same user", id);
        }
    }

    /** Removes the mark, if there is one, from the partner's opportunity {@code id}. */
    public void unmark(String partnerId, String userId, UUID id) {
        opportunities.get(partnerId, id);
        mongo.remove(byId(Favorite.idOf(partnerId, userId, id)), Favorite.class);
    }

    /**
     * A find by id of the id alone: {@code MongoTemplate#exists} counts instead, an aggregation per
     * call, and this is asked on every read of an opportunity.
     */
    public boolean isFavorite(String partnerId, String userId, UUID id) {
        Query byId = byId(Favorite.idOf(partnerId, userId, id));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, mongo.getCollectionName(Favorite.class)) != null;
    }

    /** Which of {@code ids} the user marked. */
    public Set<UUID> marked(String partnerId, String userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> favoriteIds = ids.stream().map(id -> Favorite.idOf(partnerId, userId, id)).toList();
        return mongo.find(Query.query(Criteria.where("_id").in(favoriteIds)), Favorite.class).stream()
                .map(Favorite::opportunityId)
                .collect(Collectors.toSet());
    }

    /** Everything the user marked among its partner's opportunities. */
    public Set<UUID> all(String partnerId, String userId) {
        return mongo.find(Query.query(Criteria.where("partnerId").is(partnerId).and("userId").is(userId)),
                        Favorite.class)
                .stream()
                .map(Favorite::opportunityId)
                .collect(Collectors.toSet());
    }

    /**
     * How many marks the user has, which is its favorites tab's size: a mark is only ever put on one
     * of its partner's opportunities, and opportunities are never deleted.
     */
    public long count(String partnerId, String userId) {
        return mongo.count(Query.query(Criteria.where("partnerId").is(partnerId).and("userId").is(userId)),
                Favorite.class);
    }

    private static Query byId(String favoriteId) {
        return Query.query(Criteria.where("_id").is(favoriteId));
    }
}
