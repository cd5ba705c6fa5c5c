package org.cosell.support.outbox;

import org.cosell.contracts.EventType;

/** A fact a move of an {@link Aggregate} caused, waiting for the store to record it with the same write. */
public record RaisedEvent(EventType type, Object data) {
}
