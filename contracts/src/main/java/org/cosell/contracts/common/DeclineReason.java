package org.cosell.contracts.common;

/** Why a partner declined a referral; OTHER needs notes. */
public enum DeclineReason {
    NOT_A_FIT,
    NO_CAPACITY,
    CUSTOMER_NOT_INTERESTED,
    DUPLICATE,
    INSUFFICIENT_DETAILS,
    OTHER
}
