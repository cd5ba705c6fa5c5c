package org.cosell.notification.delivery;

import org.cosell.notification.mail.MailAddresses;
import org.cosell.notification.mail.MailKind;
import org.cosell.notification.mail.RenderedMail;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One mail to one recipient because of one event, recorded before it is sent. Its id is
 * {@code <event id>/<recipient>} (the address in lower case), so recording a redelivered event
 * collides with the first record instead of sending again; a skip without an address is keyed by
 * its kind instead. The rendered content is kept, so a retry sends exactly what was recorded.
 *
 * @param nextAttemptAt when the sender may next try a PENDING mail; while claimed, when the claim runs out
 * @param reason        why it was skipped, or what the last failed attempt said
 * @param claimId       the claim a sender holds the PENDING mail under, if any (see {@link NotificationStore})
 * @param traceparent   the trace of the event that caused the mail, which its sending continues; {@code null}
 *                      outside a trace and for mail recorded before traces were kept
 */
@Document("notifications")
@CompoundIndexes({
        @CompoundIndex(name = "partner_newest_first", def = "{'partnerId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "due_pending", def = "{'status': 1, 'nextAttemptAt': 1}")
})
public record Notification(
        @Id String id,
        String eventId,
        String partnerId,
        MailKind kind,
        String recipient,
        String subject,
        String text,
        String html,
        NotificationStatus status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Instant sentAt,
        String reason,
        String claimId,
        String traceparent) {

    static Notification pending(String eventId, String partnerId, MailKind kind, String recipient, RenderedMail mail,
                                String traceparent, Instant now) {
        return new Notification(eventId + "/" + MailAddresses.key(recipient), eventId, partnerId, kind, recipient,
                mail.subject(), mail.text(), mail.html(), NotificationStatus.PENDING, 0, now, now, null, null, null, null,
                traceparent);
    }

    static Notification skipped(String eventId, String partnerId, MailKind kind, String recipient, String subject,
                                SkipReason reason, Instant now) {
        String key = recipient == null ? "(" + kind + ")" : MailAddresses.key(recipient);
        return new Notification(eventId + "/" + key, eventId, partnerId, kind, recipient, subject, null, null,
                NotificationStatus.SKIPPED, 0, now, null, null, null, reason.description(), null, null);
    }
}
