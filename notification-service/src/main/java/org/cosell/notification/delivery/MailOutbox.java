package org.cosell.notification.delivery;

import org.cosell.notification.mail.MailAddresses;
import org.cosell.notification.mail.MailFacts;
import org.cosell.notification.mail.MailKind;
import org.cosell.notification.mail.MailLanguage;
import org.cosell.notification.mail.MailTemplates;
import org.cosell.notification.mail.RenderedMail;
import org.cosell.support.tracing.TraceContinuation;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final TraceContinuation tracing;
    private final Clock clock;

    public MailOutbox(MailTemplates templates, NotificationStore store, PendingMailSender sender, MailMetrics metrics,
                      TraceContinuation tracing, Clock clock) {
        this.templates = templates;
        this.store = store;
        this.sender = sender;
        this.metrics = metrics;
        this.tracing = tracing;
        this.clock = clock;
    }

    /** The mail of one event, handled in the event's trace: its sending continues the trace current now. */
    public void record(String eventId, String partnerId, MailKind kind, MailLanguage partnersLanguage,
                       Recipients recipients, MailFacts facts) {
        record(List.of(new PlannedMail(eventId, partnerId, kind, partnersLanguage, recipients, facts,
                tracing.currentTraceparent())));
    }

    /**
     * Records the mails of many events in one write and wakes the sender once. A mail recorded
     * before (its event redelivered) is left out alone; its neighbours are recorded.
     */
    public void record(List<PlannedMail> planned) {
        List<Notification> notifications = new ArrayList<>();
        for (PlannedMail mail : planned) {
            addNotifications(mail, notifications);
        }
        boolean pending = false;
        for (Notification recorded : store.record(notifications)) {
            if (recorded.status() == NotificationStatus.SKIPPED) {
                metrics.skipped(recorded.kind());
            } else {
                pending = true;
            }
        }
        if (pending) {
            sender.wakeUp();
        }
    }

    private void addNotifications(PlannedMail planned, List<Notification> notifications) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> distinct = new LinkedHashMap<>();
        planned.recipients().addresses().stream()
                .filter(address -> !address.isBlank())
                .forEach(address -> distinct.putIfAbsent(MailAddresses.key(address), address));
        if (distinct.isEmpty()) {
            // Recorded with its subject only: rendering the bodies would be work for nothing.
            String subject = templates.subject(planned.kind(), planned.partnersLanguage(), planned.facts());
            notifications.add(Notification.skipped(planned.eventId(), planned.partnerId(), planned.kind(), null,
                    subject, planned.recipients().whenNobody(), now));
            return;
        }
        RenderedMail mail = templates.render(planned.kind(), planned.partnersLanguage(), planned.facts());
        for (String address : distinct.values()) {
            if (MailAddresses.isValid(address)) {
                notifications.add(Notification.pending(planned.eventId(), planned.partnerId(), planned.kind(), address,
                        mail, planned.traceparent(), now));
            } else {
                notifications.add(Notification.skipped(planned.eventId(), planned.partnerId(), planned.kind(),
                        MailAddresses.printable(address), mail.subject(), SkipReason.INVALID_ADDRESS, now));
            }
        }
    }
}
