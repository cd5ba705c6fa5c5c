package org.cosell.deal.opportunity.application;

import org.cosell.support.PartnerScopedId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The deal id each {@code Idempotency-Key} of a partner stands for, for 24 hours (docs/api.md). The key
 * is claimed before the deal is stored, so that a retry after a crash in between still makes that
 * deal and no other; concurrent claims of one key end with one id, by the unique {@code _id}. The
 * id is {@link PartnerScopedId} of the partner id and the key, so two partners' keys never meet,
 * whatever their text.
 * A TTL index removes a key a day after its claim (a claim found older than that is renewed anyway).
 */
@Component
class CreationKeys {

    static final Duration RETENTION = Duration.ofHours(24);
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;

    CreationKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The deal id {@code key} stands for: the one claimed within the last 24 hours, else {@code candidate}. */
    UUID claim(String partnerId, String key, UUID candidate, Instant now) {
        String id = PartnerScopedId.of(partnerId, key);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                mongo.insert(new CreationKey(id, candidate, now));
                return candidate;
            } catch (DuplicateKeyException taken) {
                CreationKey existing = mongo.findById(id, CreationKey.class);
                if (existing == null) {
                    continue;
                }
                if (existing.claimedAt().plus(RETENTION).isAfter(now)) {
                    return existing.dealId();
                }
                CreationKey renewed = mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(id).and("claimedAt").is(existing.claimedAt())),
                        new Update().set("dealId", candidate).set("claimedAt", now),
                        FindAndModifyOptions.options().returnNew(true), CreationKey.class);
                if (renewed != null) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("Idempotency key " + key + " of partner " + partnerId + " kept changing");
    }

    /** The type alias is the class name stored keys carry from before the class moved package. */
    @Document("creation_keys")
    @TypeAlias("org.cosell.deal.deal.CreationKeys$CreationKey")
    record CreationKey(@Id String id, UUID dealId, @Indexed(expireAfter = "24h") Instant claimedAt) {
    }
}
