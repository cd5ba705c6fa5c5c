package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Actor;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an opportunity's history, kept in its document and written with the move it records.
 *
 * @param actor   the person who made the move, or {@code null} when the system made it
 * @param summary one line to show for the entry
 * @param changes the fields an {@link ActivityKind#EDITED} entry changed, otherwise empty
 */
public record Activity(Instant at, ActivityKind kind, Actor actor, String summary, List<FieldChange> changes) {

    public Activity {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
