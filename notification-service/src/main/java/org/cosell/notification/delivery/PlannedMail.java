package org.cosell.notification.delivery;

import org.cosell.notification.mail.MailFacts;
import org.cosell.notification.mail.MailKind;
import org.cosell.notification.mail.MailLanguage;

/**
 * The mail of one kind that one event causes, to each of its recipients: what {@link MailOutbox} records.
 *
 * @param partnersLanguage the language the partner's people read; the kind decides whether its readers are them
 * @param traceparent      the trace of the event, which sending the mail continues; {@code null} outside a trace
 */
public record PlannedMail(String eventId, String partnerId, MailKind kind, MailLanguage partnersLanguage,
                          Recipients recipients, MailFacts facts, String traceparent) {
}
