package org.cosell.notification.delivery;

import org.cosell.notification.mail.MailAddresses;
import org.cosell.notification.mail.MailFacts;
import org.cosell.notification.mail.MailKind;
import org.cosell.notification.mail.MailTemplates;
import org.cosell.notification.mail.RenderedMail;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records the mails an event causes — rendered, one per recipient, PENDING — and wakes the
 * {@link PendingMailSender}; it never talks to the mail server. Recording again for the same event
 * and recipient does nothing, so a redelivered event sends nothing twice. With nobody to send to,
 * or an address that is not one, it records the mail as SKIPPED with the reason: never an error.
 */
@Service
public class MailOutbox {

    private final MailTemplates templates;
    private final NotificationStore store;
    private final PendingMailSender sender;
    private final MailMetrics metrics;
    private final Clock clock;

    public MailOutbox(MailTemplates templates, NotificationStore store, PendingMailSender sender, MailMetrics metrics,
                      Clock clock) {
        this.templates = templates;
        this.store = store;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void record(String eventId, String partnerId, MailKind kind, Recipients recipients, MailFacts facts) {
        RenderedMail mail = templates.render(kind, facts);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> distinct = new LinkedHashMap<>();
        recipients.addresses().stream()
                .filter(address -> !address.isBlank())
                .forEach(address -> distinct.putIfAbsent(MailAddresses.key(address), address));
        if (distinct.isEmpty()) {
            skip(Notification.skipped(eventId, partnerId, kind, null, mail.subject(), recipients.whenNobody(), now));
            return;
        }
        boolean recorded = false;
        for (String address : distinct.values()) {
            if (MailAddresses.isValid(address)) {
                recorded |= store.record(Notification.pending(eventId, partnerId, kind, address, mail, now));
            } else {
                skip(Notification.skipped(eventId, partnerId, kind, MailAddresses.printable(address), mail.subject(),
                        SkipReason.INVALID_ADDRESS, now));
            }
        }
        if (recorded) {
            sender.wakeUp();
        }
    }

    private void skip(Notification skipped) {
        if (store.record(skipped)) {
            metrics.skipped(skipped.kind());
        }
    }
}
