package org.cosell.deal.opportunity.domain;

/**
 * A move the deal's current stage or engagement status does not allow; the API answers 409, a
 * listener dead-letters the event that asked for it. {@code from} and {@code to} are stages for
 * stage moves and engagement statuses for engagement moves; an edit keeps the stage, so there
 * {@code to} is the stage an edit needs.
 */
public class DealMoveRefused extends RuntimeException {

    private final DealMove move;
    private final Enum<?> from;
    private final Enum<?> to;

    public DealMoveRefused(DealMove move, Enum<?> from, Enum<?> to, String why) {
        super("Cannot " + move.description() + ": " + from + " to " + to + " is not allowed, " + why);
        this.move = move;
        this.from = from;
        this.to = to;
    }

    public DealMove move() {
        return move;
    }

    public Enum<?> from() {
        return from;
    }

    public Enum<?> to() {
        return to;
    }
}
