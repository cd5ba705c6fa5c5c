package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Actor;

import java.time.Instant;
import java.util.UUID;

/** A note somebody of the partner added to an opportunity; never changed or removed once added. */
public record Note(UUID id, Instant at, Actor author, String text) {
}
