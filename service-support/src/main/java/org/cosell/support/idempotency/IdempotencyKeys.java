package org.cosell.support.idempotency;

import org.cosell.support.PartnerScopedId;
import org.cosell.support.domain.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Which call each {@code Idempotency-Key} of a partner was first sent with, for 24 hours, so that a
 * key sent again with another call is refused wherever it lands. A claim says nothing about the
 * answer: the resource the call changed keeps the {@link IdempotentRequest} that changed it, in the
 * same write as the change, and answers repeats from there. Claims are removed by a TTL index a day
 * after they were made, so the collection does not grow without end (mongo-java-server, the local
 * launcher's database, ignores TTL indexes).
 */
public class IdempotencyKeys {

    static final String RETENTION = "24h";
    private static final long RETENTION_SECONDS = 24 * 60 * 60;
    private static final int MAX_KEY_LENGTH = 200;
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final JsonMapper json;

    public IdempotencyKeys(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /**
     * The call {@code header} (the {@code Idempotency-Key} as sent, or {@code null}) stands for, or
     * {@code null} without a key.
     *
     * @param call what is asked of which resource, e.g. {@code "accept <id>"}
     * @param body the parsed request body, or {@code null}
     * @throws RuleViolation for a key that is blank, too long or not visible ASCII
     */
    public IdempotentRequest request(String header, String call, Object body) {
        String key = checkedKey(header);
        return key == null ? null : IdempotentRequest.of(key, call, json.writeValueAsString(body));
    }

    /** {@code header} when it is a valid key, {@code null} when absent. */
    public static String checkedKey(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > MAX_KEY_LENGTH || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new RuleViolation(IdempotentRequest.HEADER,
                    "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return header;
    }

    /**
     * Claims {@code request}'s key for its call; claiming it again for the same call is harmless.
     *
     * @throws IdempotencyKeyReused when the partner sent the key with another call within 24 hours
     */
    public void claim(String partnerId, IdempotentRequest request, Instant now) {
        String id = PartnerScopedId.of(partnerId, request.key());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                mongo.insert(new KeyClaim(id, request.fingerprint(), now));
                return;
            } catch (DuplicateKeyException taken) {
                KeyClaim existing = mongo.findById(id, KeyClaim.class);
                if (existing == null) {
                    continue;
                }
                if (existing.claimedAt().plusSeconds(RETENTION_SECONDS).isAfter(now)) {
                    if (!existing.fingerprint().equals(request.fingerprint())) {
                        throw new IdempotencyKeyReused(request.key());
                    }
                    return;
                }
                KeyClaim renewed = mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(id).and("claimedAt").is(existing.claimedAt())),
                        new Update().set("fingerprint", request.fingerprint()).set("claimedAt", now),
                        FindAndModifyOptions.options().returnNew(true), KeyClaim.class);
                if (renewed != null) {
                    return;
                }
            }
        }
        throw new IllegalStateException("Idempotency key " + request.key() + " of partner " + partnerId
                + " kept changing");
    }

    /** The id is {@link PartnerScopedId} of the partner id and the key: no text of either makes two partners' keys one. */
    @Document("idempotency_keys")
    record KeyClaim(@Id String id, String fingerprint, @Indexed(expireAfter = RETENTION) Instant claimedAt) {
    }
}
