package org.cosell.notification.delivery;

import org.bson.Document;
import org.cosell.support.UnorderedInserts;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The mail log. A sender claims due PENDING mails by moving their {@code nextAttemptAt} past a
 * lease under its claim id in one conditional update, so several senders (or replicas) never hold
 * the same mail; a sender that dies mid-batch leaves its mails to be claimed again once the lease
 * ran out.
 */
@Repository
public class NotificationStore {

    private final MongoTemplate mongo;

    public NotificationStore(MongoTemplate mongo) {
        this.mongo = mongo;
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
     * Claims up to {@code limit} due PENDING mails, earliest due first, until {@code leaseUntil}: one
     * query finds the candidates, one conditional update moves those still due under a fresh claim
     * id, and reading them back by id tells which this sender won (of two senders racing for a mail,
     * exactly one does). Three commands for a batch instead of one search per mail: a server
     * without secondary indexes (the embedded one) reads every mail for each search.
     */
    public Claim claimDue(Instant now, Instant leaseUntil, int limit) {
        Query due = Query.query(dueAt(now)).with(Sort.by("nextAttemptAt")).limit(limit);
        due.fields().include("_id");
        List<String> ids = mongo.find(due, Document.class, mongo.getCollectionName(Notification.class)).stream()
                .map(candidate -> candidate.getString("_id")).toList();
        String claimId = UUID.randomUUID().toString();
        if (ids.isEmpty()) {
            return new Claim(claimId, List.of());
        }
        mongo.updateMulti(Query.query(dueAt(now).and("_id").in(ids)),
                new Update().set("nextAttemptAt", leaseUntil).set("claimId", claimId), Notification.class);
        Map<String, Notification> read = mongo.find(Query.query(where("_id").in(ids)), Notification.class).stream()
                .collect(Collectors.toMap(Notification::id, mail -> mail));
        List<Notification> won = ids.stream().map(read::get)
                .filter(mail -> mail != null && claimId.equals(mail.claimId()))
                .toList();
        return new Claim(claimId, won);
    }

    private static Criteria dueAt(Instant now) {
        return where("status").is(NotificationStatus.PENDING).and("nextAttemptAt").lte(now);
    }

    /** Mails a sender claimed together, in the order they fell due, held under {@code claimId}. */
    public record Claim(String claimId, List<Notification> mails) {
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
        if (!ids.isEmpty()) {
            mongo.updateMulti(Query.query(where("_id").in(ids).and("claimId").is(claimId)),
                    update.unset("claimId"), Notification.class);
        }
    }
}
