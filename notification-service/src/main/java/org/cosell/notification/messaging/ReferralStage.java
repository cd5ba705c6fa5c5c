package org.cosell.notification.messaging;

/** How far a referral got, as far as its reminder cares. */
public enum ReferralStage {
    /** Waiting for the partner's answer: its reminder is still worth sending. */
    RECEIVED,
    ACCEPTED,
    DECLINED,
    EXPIRED
}
