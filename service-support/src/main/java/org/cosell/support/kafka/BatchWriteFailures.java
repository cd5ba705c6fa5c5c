package org.cosell.support.kafka;

import org.cosell.support.DatabaseOutage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * What a batch listener throws when handling the record at an index of the poll failed,
 * once it has narrowed the failure down to that record (by writing the records again one at a time).
 * <ul>
 * <li>An outage ({@link DatabaseOutage}), a transient conflict or a duplicate key is the database's,
 * not the record's: the shared failure policy retries it, holding the partition (an outage until the
 * database is back). Listeners write by id, replacing what is there, so a duplicate key can only be
 * another write of the same id that got in first, which the retry finds.</li>
 * <li>Anything else — a value the database refuses, say an amount of more significant digits than
 * Decimal128 holds — is the record's: it is dead-lettered at once, with the database's reason, and
 * the records after it come again in the next poll.</li>
 * </ul>
 * A failure of a whole batch must not be blamed on the record at its first index: the records of
 * other partners there would be dead-lettered one after the other, each after the policy's
 * back-off. {@link BatchPipeline} writes the batch again one record at a time first, and calls
 * {@link #at} with the failure of the one record that still fails.
 */
public final class BatchWriteFailures {

    private BatchWriteFailures() {
    }

    /** Whether writing the batch again cannot help yet, so it is retried whole rather than narrowed. */
    public static boolean isOutage(Throwable failure) {
        return DatabaseOutage.causedBy(failure);
    }

    /**
     * The failure of writing the record at {@code index} alone, told as retryable or as the record's
     * fault; a refusal of the listener's own ({@link InvalidEventException},
     * {@link RejectedEventException}, {@link EventTooLargeException}) keeps its reason.
     */
    public static BatchListenerFailedException at(int index, RuntimeException failure) {
        if (failure instanceof InvalidEventException || failure instanceof RejectedEventException
                || failure instanceof EventTooLargeException || isOutage(failure) || isRetryable(failure)) {
            return new BatchListenerFailedException(failure.getMessage(), failure, index);
        }
        InvalidEventException refused = new InvalidEventException("data: could not be stored: " + describe(failure),
                failure);
        return new BatchListenerFailedException(refused.getMessage(), refused, index);
    }

    private static boolean isRetryable(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof TransientDataAccessException || current instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
