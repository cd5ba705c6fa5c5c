package org.cosell.contracts.common;

/** Whose solution it is. */
public enum SolutionType {
    /** The partner's own. */
    PARTNER,
    MICROSOFT,
    THIRD_PARTY
}
