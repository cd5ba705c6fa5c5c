package org.cosell.notification.web;

import org.cosell.notification.delivery.Notification;
import org.cosell.notification.delivery.NotificationStatus;
import org.cosell.notification.mail.MailKind;

import java.time.Instant;

/**
 * One mail in {@code GET /api/notifications}.
 *
 * @param createdAt     when the event caused it (the list is newest first by this)
 * @param lastAttemptAt the latest delivery attempt, if any
 * @param reason        why it was skipped, or what the last failed attempt said
 */
public record NotificationView(
        String id,
        MailKind kind,
        String recipient,
        String subject,
        NotificationStatus status,
        int attempts,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant sentAt,
        String reason) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.id(), notification.kind(), notification.recipient(),
                notification.subject(), notification.status(), notification.attempts(), notification.createdAt(),
                notification.lastAttemptAt(), notification.sentAt(), notification.reason());
    }
}
