package org.cosell.deal.opportunity.domain;

/** The stage of an opportunity (docs/api.md). */
public enum Stage {
    /** An inbound referral waiting for the partner's answer. */
    RECEIVED,
    /** A deal the partner works: an accepted referral or a deal the partner created. */
    ACCEPTED,
    /** Terminal: the deal was won. */
    WON,
    /** Terminal: the deal was lost. */
    LOST,
    /** Terminal: the partner declined the referral. */
    DECLINED,
    /** Terminal: nobody answered the referral in time. */
    EXPIRED;

    public boolean isTerminal() {
        return this == WON || this == LOST || this == DECLINED || this == EXPIRED;
    }
}
