package org.cosell.support.kafka;

import org.cosell.contracts.CloudEvent;

import java.util.List;

/**
 * What a batch listener does with the records of a poll; {@link BatchPipeline} does the rest. An
 * item is what one record's event asks of the listener once checked. Items of consecutive records
 * form a run, handled together; an item that must be handled alone ends the run before it.
 *
 * @param <T> what a checked event asks of the listener
 */
public interface BatchHandler<T> {

    /**
     * What {@code event} asks of this listener, once checked; {@code null} when it asks nothing.
     * Runs in the trace its record carries.
     *
     * @throws InvalidEventException  when the event can never be handled as it is
     * @throws RejectedEventException when the listener refuses it for a business reason
     */
    T check(CloudEvent<?> event);

    /**
     * Handles the items of a run together, in their order. What a run stores must be safe to store
     * again: a run that fails for a reason other than a database outage is handled again one item
     * at a time ({@link #handleAlone}) to find the item at fault.
     */
    void handleRun(List<T> run);

    /** Handles one item on its own, in the trace of its record. */
    default void handleAlone(T item) {
        handleRun(List.of(item));
    }

    /** Whether {@code item} may not join a run: it is handled alone, after the run before it. */
    default boolean alone(T item) {
        return false;
    }

    /**
     * What no two items of one run may share, {@code null} for nothing: an item sharing it with one
     * of the run starts a new run, so that the writes for the two keep their order.
     */
    default Object runKey(T item) {
        return null;
    }
}
