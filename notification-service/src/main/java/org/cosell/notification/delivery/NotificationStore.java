package org.cosell.notification.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The mail log. A sender claims a due PENDING mail by moving its {@code nextAttemptAt} past a
 * lease in one conditional update, so several senders (or replicas) never hold the same mail; a
 * sender that dies mid-attempt leaves it to be claimed again once the lease ran out.
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
        Set<Integer> alreadyRecorded = Set.of();
        try {
            mongo.getCollection(mongo.getCollectionName(Notification.class))
                    .insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException partlyWritten) {
            alreadyRecorded = new HashSet<>();
            for (BulkWriteError error : partlyWritten.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw translated(partlyWritten);
                }
                alreadyRecorded.add(error.getIndex());
            }
            if (partlyWritten.getWriteConcernError() != null) {
                throw translated(partlyWritten);
            }
        } catch (RuntimeException failed) {
            throw translated(failed);
        }
        List<Notification> recorded = new ArrayList<>(notifications.size() - alreadyRecorded.size());
        for (int index = 0; index < notifications.size(); index++) {
            if (!alreadyRecorded.contains(index)) {
                recorded.add(notifications.get(index));
            }
        }
        return recorded;
    }

    public Optional<Notification> claimNextDue(Instant now, Instant leaseUntil) {
        Query due = Query.query(where("status").is(NotificationStatus.PENDING).and("nextAttemptAt").lte(now))
                .with(Sort.by("nextAttemptAt"));
        return Optional.ofNullable(mongo.findAndModify(due, new Update().set("nextAttemptAt", leaseUntil),
                FindAndModifyOptions.options().returnNew(true), Notification.class));
    }

    public void markSent(String id, int attempts, Instant now) {
        settle(id, new Update().set("status", NotificationStatus.SENT).set("attempts", attempts)
                .set("lastAttemptAt", now).set("sentAt", now).unset("nextAttemptAt").unset("reason"));
    }

    public void markFailed(String id, int attempts, Instant now, String reason) {
        settle(id, new Update().set("status", NotificationStatus.FAILED).set("attempts", attempts)
                .set("lastAttemptAt", now).unset("nextAttemptAt").set("reason", reason));
    }

    public void retryLater(String id, int attempts, Instant now, Instant nextAttemptAt, String reason) {
        settle(id, new Update().set("attempts", attempts).set("lastAttemptAt", now)
                .set("nextAttemptAt", nextAttemptAt).set("reason", reason));
    }

    /** Gives a claimed mail back untried, due at {@code nextAttemptAt}. */
    public void release(String id, Instant nextAttemptAt) {
        settle(id, new Update().set("nextAttemptAt", nextAttemptAt));
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

    private RuntimeException translated(RuntimeException failure) {
        DataAccessException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(failure);
        return translated == null ? failure : translated;
    }

    private void settle(String id, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(NotificationStatus.PENDING)),
                update, Notification.class);
    }
}
