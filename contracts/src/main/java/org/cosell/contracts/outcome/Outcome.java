package org.cosell.contracts.outcome;

/** How an opportunity ended. */
public enum Outcome {
    WON,
    LOST,
    DECLINED,
    EXPIRED
}
