package org.cosell.contracts.common;

/** Where an opportunity came from. */
public enum Origin {
    /** From an upstream referral. */
    INBOUND,
    /** Created by the partner. */
    OUTBOUND
}
