package org.cosell.contracts.common;

/** Who sent a referral. */
public enum SenderKind {
    MICROSOFT,
    PARTNER
}
