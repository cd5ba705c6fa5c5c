package org.cosell.contracts.common;

/** Whether Microsoft takes part in an opportunity. */
public enum OpportunityType {
    /** Microsoft sells together with the partner; every inbound referral is co-sell. */
    CO_SELL,
    /** The partner's own deal; its details never reach Microsoft systems. */
    PRIVATE_PIPELINE
}
