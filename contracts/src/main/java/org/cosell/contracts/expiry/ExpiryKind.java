package org.cosell.contracts.expiry;

/** Which deadline fell due. */
public enum ExpiryKind {
    /** A referral's response window ended. */
    REFERRAL_RESPONSE,
    /** A referral is about to expire: time to remind the partner. */
    REFERRAL_REMINDER,
    /** Microsoft sellers did not answer a co-sell request in time. */
    ENGAGEMENT_RESPONSE
}
