package org.cosell.notification.delivery;

import org.cosell.notification.mail.MailFacts;
import org.cosell.notification.mail.MailKind;

/** The mail of one kind that one event causes, to each of its recipients: what {@link MailOutbox} records. */
public record PlannedMail(String eventId, String partnerId, MailKind kind, Recipients recipients, MailFacts facts) {
}
