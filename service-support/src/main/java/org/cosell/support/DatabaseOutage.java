package org.cosell.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.WriteConcernException;
import com.mongodb.bulk.BulkWriteError;
import org.springframework.dao.DataAccessResourceFailureException;

import java.util.Set;

/**
 * Tells a database that cannot take the write now from every other failure: only time helps with
 * it. Besides an unreachable server, that is a replica set between primaries (the node is not the
 * writable primary, stepped down, recovering or shutting down) and a write that reached the primary
 * but not the acknowledgement its write concern asks for: the same write succeeds once the set has
 * a primary again, so the data is not to blame.
 */
public final class DatabaseOutage {

    /**
     * Server error codes of a replica set that cannot take writes for now: HostUnreachable,
     * HostNotFound, WriteConcernFailed, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown,
     * SocketException, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
     * NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
     */
    private static final Set<Integer> UNAVAILABLE = Set.of(6, 7, 64, 89, 91, 189, 9001, 10107, 11600, 11602, 13435,
            13436);

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable exception) {
        for (Throwable current = exception; current != null; current = current.getCause()) {
            if (current instanceof DataAccessResourceFailureException || current instanceof MongoSocketException
                    || current instanceof MongoTimeoutException || current instanceof MongoNotPrimaryException
                    || current instanceof MongoNodeIsRecoveringException || current instanceof MongoWriteConcernException
                    || current instanceof WriteConcernException) {
                return true;
            }
            if (current instanceof MongoException mongo && (UNAVAILABLE.contains(mongo.getCode())
                    || mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
            if (current instanceof MongoBulkWriteException bulk && (bulk.getWriteConcernError() != null
                    || bulk.getWriteErrors().stream().map(BulkWriteError::getCode).anyMatch(UNAVAILABLE::contains))) {
                return true;
            }
        }
        return false;
    }
}
