package org.cosell.support;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/** Tells a database that cannot be reached from every other failure: only time helps with it. */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable exception) {
        for (Throwable current = exception; current != null; current = current.getCause()) {
            if (current instanceof DataAccessResourceFailureException || current instanceof MongoSocketException
                    || current instanceof MongoTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
