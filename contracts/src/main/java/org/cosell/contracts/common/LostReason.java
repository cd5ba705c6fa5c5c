package org.cosell.contracts.common;

/** Why a deal was lost. */
public enum LostReason {
    LOST_TO_COMPETITOR,
    NO_BUDGET,
    NO_DECISION,
    TIMING,
    OTHER
}
