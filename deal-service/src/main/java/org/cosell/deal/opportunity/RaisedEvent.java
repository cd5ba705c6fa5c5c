package org.cosell.deal.opportunity;

import org.cosell.contracts.EventType;

/** A fact a move of the opportunity caused, waiting to be recorded in its outbox with the same save. */
public record RaisedEvent(EventType type, Object data) {
}
