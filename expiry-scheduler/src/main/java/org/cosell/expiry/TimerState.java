package org.cosell.expiry;

/**
 * Where a timer stands. {@code FIRED} is final. {@code CANCELLED} is too, except that a timer cancelled while its
 * publication was already in flight ends {@code FIRED}, which is what happened.
 */
public enum TimerState {
    /** Waiting for its due time. */
    ARMED,
    /** Claimed by one replica, which is publishing it; taken again by another once the lease has expired. */
    FIRING,
    /** Published as {@code cosell.expiry.due.v1}. */
    FIRED,
    /** Disarmed before it fired, a tombstone if the disarm came first, or a reminder that went stale. */
    CANCELLED
}
