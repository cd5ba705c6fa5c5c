package org.cosell.support.lease;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Hands the due documents of one collection to one holder at a time, for a lease: how the services'
 * background workers (timers that fire, mails that go out) share work between threads and replicas
 * without a transaction or a lock service.
 * <p>
 * A claim is three commands for a whole batch. One query reads up to a limit of claimable
 * candidates, oldest due first; one conditional update writes a fresh claim id and the
 * lease's end onto those still claimable; reading them back by that claim id tells which this
 * holder won. Of two holders racing for a document exactly one update matches it, so every
 * document is won once. A holder that dies leaves its documents to be claimed again when the lease
 * has run out (the caller's claimable condition says so), and {@link #settle} changes a document
 * only while the claim id on it is still the caller's: a former holder whose lease was taken over
 * changes nothing.
 * <p>
 * The update and the read back name the candidates by {@code _id}, which the primary index answers:
 * MongoDB's, and the local stack's embedded server's too (it looks a filter on {@code _id} and more
 * up by {@code _id}), so that on a server without secondary indexes only the query for candidates
 * scans. A caller that knows what is due already claims it with {@link #claimAmong}, which needs no
 * such query.
 *
 * @param <T> the mapped document type
 */
public final class LeasedClaims<T> {

    /**
     * Where a collection keeps what claiming needs.
     *
     * @param due            the field claims are taken in order of, oldest first
     * @param tiesById       whether documents due at the same instant are taken in {@code _id} order: only where
     *                       an index serves {@code (due, _id)}, or MongoDB sorts every due document for each claim
     * @param claimId        the field holding the claim id of the latest claim
     * @param leaseExpiresAt the field holding when the latest claim's lease runs out; it may be {@code due}
     *                       itself when a lapsed lease simply makes the document due again
     */
    public record Fields(String due, boolean tiesById, String claimId, String leaseExpiresAt) {
    }

    /**
     * A batch a holder won.
     *
     * @param candidates how many documents were claimable, at most the limit: as many as the limit means more may wait
     * @param documents  the documents now held under {@code claimId}, in due order
     * @param takenOver  how many of them were taken over from a holder whose lease had run out
     */
    public record Claim<T>(String claimId, int candidates, List<T> documents, int takenOver, Instant leaseExpiresAt) {
    }

    /** The most ids one command of {@link #claimAmong} names. */
    private static final int IDS_PER_COMMAND = 50;

    private final MongoTemplate mongo;
    private final Class<T> type;
    private final Function<T, ?> idOf;
    private final Fields fields;
    private final Function<Instant, Criteria> claimable;
    private final Criteria stillHeld;

    /**
     * @param claimable which documents may be claimed at an instant: due ones, and those whose lease ran out
     * @param stillHeld what else must be true of a document, besides carrying the claim id, for its holder to
     *                  still hold it (a document settled for good may keep the claim id as a record)
     */
    public LeasedClaims(MongoTemplate mongo, Class<T> type, Function<T, ?> idOf, Fields fields,
                        Function<Instant, Criteria> claimable, Criteria stillHeld) {
        this.mongo = mongo;
        this.type = type;
        this.idOf = idOf;
        this.fields = fields;
        this.claimable = claimable;
        this.stillHeld = stillHeld;
    }

    /**
     * Claims up to {@code limit} claimable documents, oldest due first, until {@code leaseExpiresAt}.
     *
     * @param alsoOnClaim what else claiming writes onto a document (a state, the holder's name); the claim id
     *                    and the lease's end are written by this method
     */
    public Claim<T> claim(Instant now, int limit, Instant leaseExpiresAt, Update alsoOnClaim) {
        String claimId = UUID.randomUUID().toString();
        Query due = query(claimable.apply(now)).with(dueOrder()).limit(limit);
        due.fields().include("_id", fields.due(), fields.claimId());
        List<Document> candidates = mongo.find(due, Document.class, mongo.getCollectionName(type));
        if (candidates.isEmpty()) {
            return new Claim<>(claimId, 0, List.of(), 0, leaseExpiresAt);
        }
        Map<Object, Boolean> heldBefore = new LinkedHashMap<>();
        candidates.forEach(candidate -> heldBefore.put(candidate.get("_id"), claimIdOn(candidate) != null));
        Criteria stillClaimable = where("_id").in(heldBefore.keySet()).andOperator(claimable.apply(now));
        mongo.updateMulti(query(stillClaimable),
                alsoOnClaim.set(fields.claimId(), claimId).set(fields.leaseExpiresAt(), leaseExpiresAt), type);
        Map<Object, T> won = new LinkedHashMap<>();
        mongo.find(query(heldBy(claimId).and("_id").in(heldBefore.keySet())), type)
                .forEach(document -> won.put(idOf.apply(document), document));
        List<T> inDueOrder = heldBefore.keySet().stream().map(won::get).filter(Objects::nonNull).toList();
        int takenOver = (int) won.keySet().stream().filter(heldBefore::get).count();
        return new Claim<>(claimId, candidates.size(), inDueOrder, takenOver, leaseExpiresAt);
    }

    /**
     * Claims, until {@code leaseExpiresAt}, those of {@code ids} that are claimable and that no holder has claimed
     * before; documents whose lease ran out are left to {@link #claim}, which counts them as taken over. For a caller
     * that already knows what is due — its own view of the due documents — and needs no query for candidates:
     * conditional updates by {@code _id} and a read back by {@code _id} and the claim id, {@value #IDS_PER_COMMAND}
     * ids to a command, which the primary index answers, however many documents the collection holds (the local
     * stack's embedded server too: it looks a filter on {@code _id} and more up by {@code _id}). The ids go in lists
     * of that size because a server without query planning checks each document against the whole list. Of two
     * holders claiming the same ids, each document is won by exactly one.
     *
     * @return the documents won, in the order of {@code ids}; {@link Claim#candidates()} is their number
     */
    public Claim<T> claimAmong(List<?> ids, Instant now, Instant leaseExpiresAt, Update alsoOnClaim) {
        String claimId = UUID.randomUUID().toString();
        List<? extends List<?>> lists = inLists(ids);
        Update claimed = alsoOnClaim.set(fields.claimId(), claimId).set(fields.leaseExpiresAt(), leaseExpiresAt);
        BulkOperations updates = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        lists.forEach(list -> updates.updateMulti(
                query(where("_id").in(list).andOperator(claimable.apply(now), where(fields.claimId()).is(null))), claimed));
        if (updates.execute().getModifiedCount() == 0) {
            return new Claim<>(claimId, 0, List.of(), 0, leaseExpiresAt);
        }
        Map<Object, T> won = new HashMap<>();
        lists.forEach(list -> mongo.find(query(where("_id").in(list).andOperator(heldBy(claimId))), type)
                .forEach(document -> won.put(idOf.apply(document), document)));
        List<T> inGivenOrder = ids.stream().map(won::get).filter(Objects::nonNull).toList();
        return new Claim<>(claimId, inGivenOrder.size(), inGivenOrder, 0, leaseExpiresAt);
    }

    /**
     * Applies {@code update} to those of {@code ids} still held under {@code claimId}; answers how many it changed.
     * A holder whose lease was taken over changes nothing.
     */
    public int settle(Collection<?> ids, String claimId, Update update) {
        if (ids.isEmpty()) {
            return 0;
        }
        return (int) mongo.updateMulti(query(heldBy(claimId).and("_id").in(ids)), update, type).getModifiedCount();
    }

    private Sort dueOrder() {
        return fields.tiesById() ? Sort.by(fields.due(), "_id") : Sort.by(fields.due());
    }

    private static List<? extends List<?>> inLists(List<?> ids) {
        List<List<?>> lists = new ArrayList<>((ids.size() + IDS_PER_COMMAND - 1) / IDS_PER_COMMAND);
        for (int from = 0; from < ids.size(); from += IDS_PER_COMMAND) {
            lists.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_COMMAND)));
        }
        return lists;
    }

    private Criteria heldBy(String claimId) {
        return new Criteria().andOperator(where(fields.claimId()).is(claimId), stillHeld);
    }

    private Object claimIdOn(Document candidate) {
        return candidate.getEmbedded(Arrays.asList(fields.claimId().split("\\.")), Object.class);
    }
}
