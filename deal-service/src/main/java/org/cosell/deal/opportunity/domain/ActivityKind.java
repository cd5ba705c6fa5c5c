package org.cosell.deal.opportunity.domain;

/** What an entry of an opportunity's history records (docs/api.md, Activity). */
public enum ActivityKind {
    /** A referral arrived; the system's move. */
    RECEIVED,
    /** The partner created an outbound deal. */
    CREATED,
    /** The partner accepted the referral. */
    ACCEPTED,
    /** The partner declined the referral. */
    DECLINED,
    /** Nobody answered the referral in time; the system's move. */
    EXPIRED,
    /** The partner changed the deal's terms; the entry lists each field changed. */
    EDITED,
    /** The deal moved to another sales stage. */
    SALES_STAGE_CHANGED,
    /** Somebody added a note. */
    NOTE_ADDED,
    /** The partner asked Microsoft for help. */
    COSELL_REQUESTED,
    /** A Microsoft seller engaged or declined; no person of the partner's acted. */
    ENGAGEMENT_ANSWERED,
    /** Microsoft did not answer the co-sell request in time; the system's move. */
    ENGAGEMENT_EXPIRED,
    WON,
    LOST
}
