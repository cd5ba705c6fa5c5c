package org.cosell.support.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Replaces an aggregate document only if neither its version nor its pending events changed since
 * it was read. The outbox relay removes the events it published without touching the version (the
 * version is what clients see as the ETag); a plain versioned save based on an earlier read would
 * bring those events back, to be published a second time. Either change fails the write as a
 * concurrent change, and the caller reads again.
 */
public final class OutboxAwareWrites {

    private OutboxAwareWrites() {
    }

    /**
     * @param readVersion           the version the aggregate had when it was read
     * @param readPendingEventCount how many pending events the document held when it was read
     * @return the version now stored
     * @throws OptimisticLockingFailureException when the document changed since it was read
     */
    public static long replace(MongoTemplate mongo, String collection, Object id, Object aggregate, long readVersion,
                               int readPendingEventCount) {
        long next = readVersion + 1;
        Document replacement = new Document();
        mongo.getConverter().write(aggregate, replacement);
        replacement.put("version", next);
        Bson sameEvents = readPendingEventCount == 0
                ? Filters.or(Filters.size(OutboxEvent.FIELD, 0), Filters.exists(OutboxEvent.FIELD, false))
                : Filters.size(OutboxEvent.FIELD, readPendingEventCount);
        UpdateResult result = mongo.getCollection(collection).replaceOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("version", readVersion), sameEvents), replacement);
        if (result.getMatchedCount() == 0) {
            throw new OptimisticLockingFailureException(
                    collection + " " + id + " changed since version " + readVersion + " was read");
        }
        return next;
    }
}
