package org.cosell.referral.domain;

/** Where an inbound referral stands in its life cycle. */
public enum ReferralStage {
    /** Offered and stored; waiting for the partner until its respond-by time. */
    RECEIVED,
    /** The partner took it on; it is now a deal owned by deal-service. */
    ACCEPTED,
    /** The partner turned it down. Terminal. */
    DECLINED,
    /** Nobody answered within the response window. Terminal. */
    EXPIRED
}
