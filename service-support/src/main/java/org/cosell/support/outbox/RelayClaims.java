package org.cosell.support.outbox;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.cosell.support.UnorderedInserts;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * Which aggregate documents a relay may publish the pending events of: the relays of several
 * replicas look at the same documents (one relays what it saved while another searches, or two
 * replicas changed one document), and without a claim both would publish its events. A relay
 * claims a document by inserting {@code <collection>/<document id>} into {@value #COLLECTION} with
 * its claim id and the lease's end; the unique {@code _id} lets exactly one of two racing relays
 * in. It reads the events only once it holds the claim, and deletes the claim once they are
 * published and removed, so a relay that wins a document right after another released it finds
 * nothing left to send. A claim lives in a collection of its own, not in the aggregate, so the
 * aggregate store's guarded replace neither drops it nor has to know about it.
 * <p>
 * A relay that dies mid-round leaves its claims until the lease runs out; the next relay that
 * wants such a document deletes the lapsed claim and takes it over, and sends again what the dead
 * one may have sent (the same event ids, which consumers drop).
 */
final class RelayClaims {

    /** The claims in hand, one document per aggregate document being relayed. */
    static final String COLLECTION = "outbox_claims";

    private final MongoTemplate mongo;
    private final Duration lease;
    private final Clock clock;

    /**
     * @param documentIds the documents this relay now holds, in the order asked for
     * @param held        how many other relays hold (a live lease)
     * @param takenOver   how many were taken over from a relay whose lease had run out
     */
    record Claim(String claimId, List<Object> documentIds, int held, int takenOver) {
    }

    RelayClaims(MongoTemplate mongo, Duration lease, Clock clock) {
        this.mongo = mongo;
        this.lease = lease;
        this.clock = clock;
    }

    Duration lease() {
        return lease;
    }

    /** Claims those of {@code documentIds} of {@code collection} that no other relay holds. */
    Claim claim(String collection, List<Object> documentIds) {
        String claimId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Date leaseExpiresAt = Date.from(now.plus(lease));
        Map<String, Object> wanted = new LinkedHashMap<>();
        documentIds.forEach(id -> wanted.put(collection + "/" + id, id));
        List<Document> claims = new ArrayList<>(wanted.size());
        wanted.keySet().forEach(key -> claims.add(new Document("_id", key).append("claimId", claimId)
                .append("leaseExpiresAt", leaseExpiresAt)));
        List<Document> taken = positions(claims, UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION, claims));
        int takenOver = 0;
        if (!taken.isEmpty()) {
            long lapsed = claims().deleteMany(and(in("_id", taken.stream().map(claim -> claim.get("_id")).toList()),
                    lt("leaseExpiresAt", Date.from(now)))).getDeletedCount();
            if (lapsed > 0) {
                List<Document> stillTaken = positions(taken, UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION, taken));
                takenOver = taken.size() - stillTaken.size();
                taken = stillTaken;
            }
        }
        taken.forEach(claim -> wanted.remove(claim.getString("_id")));
        return new Claim(claimId, List.copyOf(wanted.values()), taken.size(), takenOver);
    }

    /** Gives the documents up: published and removed, or left for a later round. */
    void release(String collection, Claim claim) {
        if (claim.documentIds().isEmpty()) {
            return;
        }
        claims().deleteMany(and(in("_id", claim.documentIds().stream().map(id -> collection + "/" + id).toList()),
                eq("claimId", claim.claimId())));
    }

    private MongoCollection<Document> claims() {
        return mongo.getCollection(COLLECTION);
    }

    private static List<Document> positions(List<Document> claims, Set<Integer> positions) {
        return positions.stream().sorted().map(claims::get).toList();
    }
}
