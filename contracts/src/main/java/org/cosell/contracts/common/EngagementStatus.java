package org.cosell.contracts.common;

/** Where a co-sell request to Microsoft stands. */
public enum EngagementStatus {
    /** No help requested. */
    NONE,
    /** Waiting for Microsoft sellers within the engagement window. */
    REQUESTED,
    /** A Microsoft seller engaged. */
    ENGAGED,
    /** Microsoft sellers declined. */
    DECLINED,
    /** Nobody answered within the engagement window. */
    EXPIRED
}
