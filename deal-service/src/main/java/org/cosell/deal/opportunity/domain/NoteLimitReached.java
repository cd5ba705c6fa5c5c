package org.cosell.deal.opportunity.domain;

/**
 * An opportunity already holds {@value Opportunity#MAX_NOTES} notes, the most it keeps so that its
 * document stays bounded; the API answers 409 ({@code conflict}).
 */
public class NoteLimitReached extends RuntimeException {

    public NoteLimitReached() {
        super("An opportunity holds at most " + Opportunity.MAX_NOTES + " notes; notes are never removed");
    }
}
