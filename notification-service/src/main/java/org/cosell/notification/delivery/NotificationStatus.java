package org.cosell.notification.delivery;

/** Where a recorded mail stands. */
public enum NotificationStatus {
    /** Recorded and waiting for the sender; a failed attempt keeps it here with a later next attempt. */
    PENDING,
    /** The mail server accepted it. */
    SENT,
    /** The mail server refused it for good, or kept refusing it until the attempts ran out. */
    FAILED,
    /** Not sent on purpose, for the recorded reason (nobody to send it to, or an unusable address). */
    SKIPPED
}
