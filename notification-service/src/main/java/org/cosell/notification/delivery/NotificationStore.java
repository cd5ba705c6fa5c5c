package org.cosell.notification.delivery;

import org.bson.Document;
import org.cosell.support.UnorderedInserts;
import org.cosell.support.lease.LeasedClaims;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The mail log. A sender claims due PENDING mails with {@link LeasedClaims}, moving their
 * {@code nextAttemptAt} to the lease's end under its claim id, so several senders (or replicas)
 * never hold the same mail; a sender that dies mid-batch leaves its mails to be claimed again once
 * the lease ran out.
 */
@Repository
public class NotificationStore {

    private final MongoTemplate mongo;
    private final LeasedClaims<Notification> claims;

    public NotificationStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.claims = new LeasedClaims<>(mongo, Notification.class, Notification::id,
                new LeasedClaims.Fields("nextAttemptAt", false, "claimId", "nextAttemptAt"), NotificationStore::dueAt,
                where("status").is(NotificationStatus.PENDING));
    }

    /**
     * Records mails in one unordered insert and answers those that are new: a mail whose event
     * already recorded one for its recipient collides on its id and is left out alone, while its
     * neighbours are recorded.
     *
     * @throws DataAccessException when the database failed for another reason; recording all of
     *                             them again is safe
     */
    public List<Notification> record(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        List<Document> documents = new ArrayList<>(notifications.size());
        for (Notification notification : notifications) {
            Document document = new Document();
            mongo.getConverter().write(notification, document);
            documents.add(document);
        }
        Set<Integer> alreadyRecorded = UnorderedInserts.insertIgnoringTakenIds(mongo,
                mongo.getCollectionName(Notification.class), documents);
        List<Notification> recorded = new ArrayList<>(notifications.size() - alreadyRecorded.size());
        for (int index = 0; index < notifications.size(); index++) {
            if (!alreadyRecorded.contains(index)) {
                recorded.add(notifications.get(index));
            }
        }
        return recorded;
    }

    /**
     * Claims up to {@code limit} due PENDING mails, earliest due first, until {@code leaseUntil}: of two
     * senders racing for a mail, exactly one wins it.
     */
    public Claim<Notification> claimDue(Instant now, Instant leaseUntil, int limit) {
        return claims.claim(now, limit, leaseUntil, new Update());
    }

    private static Criteria dueAt(Instant now) {
        return where("status").is(NotificationStatus.PENDING).and("nextAttemptAt").lte(now);
    }

    /**
     * Marks a mail sent. By id alone (the embedded server looks that up in its id index rather than
     * reading every mail): the server accepted it, so SENT is true whoever holds the claim now.
     */
    public void markSent(String id, int attempts, Instant now) {
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().set("status", NotificationStatus.SENT)
                .set("attempts", attempts).set("lastAttemptAt", now).set("sentAt", now)
                .unset("nextAttemptAt").unset("reason").unset("claimId"), Notification.class);
    }

    public void markFailed(String id, String claimId, int attempts, Instant now, String reason) {
        settle(List.of(id), claimId, new Update().set("status", NotificationStatus.FAILED).set("attempts", attempts)
                .set("lastAttemptAt", now).unset("nextAttemptAt").set("reason", reason));
    }

    public void retryLater(String id, String claimId, int attempts, Instant now, Instant nextAttemptAt, String reason) {
        settle(List.of(id), claimId, new Update().set("attempts", attempts).set("lastAttemptAt", now)
                .set("nextAttemptAt", nextAttemptAt).set("reason", reason));
    }

    /** Gives claimed mails back untried, due at {@code nextAttemptAt}. */
    public void release(Collection<String> ids, String claimId, Instant nextAttemptAt) {
        settle(ids, claimId, new Update().set("nextAttemptAt", nextAttemptAt));
    }

    public long countPending() {
        return mongo.count(Query.query(where("status").is(NotificationStatus.PENDING)), Notification.class);
    }

    /** The partner's mails, newest first. */
    public Page<Notification> forPartner(String partnerId, Pageable pageable) {
        Query query = Query.query(where("partnerId").is(partnerId));
        long total = mongo.count(query, Notification.class);
        query.with(pageable.getSortOr(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))))
                .skip(pageable.getOffset())
                .limit(pageable.getPageSize());
        return new PageImpl<>(mongo.find(query, Notification.class), pageable, total);
    }

    /** Changes claimed mails, if the claim is still {@code claimId}'s: a sender whose lease ran out changes nothing. */
    private void settle(Collection<String> ids, String claimId, Update update) {
        claims.settle(ids, claimId, update.unset("claimId"));
    }
}
