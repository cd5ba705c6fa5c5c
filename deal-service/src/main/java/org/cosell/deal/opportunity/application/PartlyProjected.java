package org.cosell.deal.opportunity.application;

/**
 * Projecting a batch of referral events failed part of the way: the effects of the events before
 * {@link #firstUnprojected()} are stored, that event's and the later ones' may not be. The cause
 * says why; projecting the later events again is safe, since the projection is replay-safe.
 */
public class PartlyProjected extends RuntimeException {

    private final int firstUnprojected;

    PartlyProjected(int firstUnprojected, Throwable cause) {
        super("Projected the first " + firstUnprojected + " events of the batch, not the rest: " + cause.getMessage(),
                cause);
        this.firstUnprojected = firstUnprojected;
    }

    /** The position in the batch of the first event whose effect may not be stored. */
    public int firstUnprojected() {
        return firstUnprojected;
    }
}
