package org.cosell.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Inserts a batch in one unordered {@code insertMany} where a document whose id is taken already (a
 * redelivery, a tombstone) fails alone and its neighbours are still inserted: how the services store
 * what a poll brought, once, without looking each document up first.
 */
public final class UnorderedInserts {

    private UnorderedInserts() {
    }

    /**
     * @return the positions in {@code documents} of those not inserted because their id was taken
     * @throws DataAccessException when the database failed for another reason (translated, so the
     *                             listeners' failure policy recognises an outage); nothing can be
     *                             assumed stored then, and inserting all of them again is safe
     */
    public static Set<Integer> insertIgnoringTakenIds(MongoTemplate mongo, String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException partlyWritten) {
            if (partlyWritten.getWriteConcernError() != null) {
                throw translated(mongo, partlyWritten);
            }
            Set<Integer> taken = new HashSet<>();
            for (BulkWriteError error : partlyWritten.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw translated(mongo, partlyWritten);
                }
                taken.add(error.getIndex());
            }
            return taken;
        } catch (RuntimeException failed) {
            throw translated(mongo, failed);
        }
    }

    private static RuntimeException translated(MongoTemplate mongo, RuntimeException failure) {
        DataAccessException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(failure);
        return translated == null ? failure : translated;
    }
}
