package org.cosell.contracts.common;

/** How far the partner has worked an accepted deal; the partner moves it either way. */
public enum SalesStage {
    QUALIFY,
    DEVELOP,
    PROPOSE,
    CLOSE
}
