package org.cosell.notification.messaging;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.deal.DealCreated;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealUpdated;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.notification.delivery.MailOutbox;
import org.cosell.notification.delivery.PlannedMail;
import org.cosell.notification.delivery.Recipients;
import org.cosell.notification.delivery.SkipReason;
import org.cosell.notification.mail.MailFacts;
import org.cosell.notification.mail.MailKind;
import org.cosell.notification.mail.MailLanguage;
import org.cosell.notification.settings.NotificationSettings;
import org.cosell.notification.settings.NotificationSettingsRepository;
import org.cosell.support.kafka.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.cosell.support.kafka.Violations.require;
import static org.cosell.support.kafka.Violations.requireMpnId;

/**
 * notification-service/README.md, "What it mails, when" in code: which event causes which mails to whom. A referral's expiry is announced by
 * referral-service's {@code referral.expired}, an engagement's by deal-service's
 * {@code engagement-changed}; of the scheduler's due events only the reminder is this service's.
 */
@Service
public class MailPlanner {

    private static final Logger log = LoggerFactory.getLogger(MailPlanner.class);

    private final OpportunitySummaries summaries;
    private final NotificationSettingsRepository settings;
    private final MailOutbox outbox;
    private final Clock clock;

    public MailPlanner(OpportunitySummaries summaries, NotificationSettingsRepository settings, MailOutbox outbox,
                       Clock clock) {
        this.summaries = summaries;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Handles one event, in the trace it was read in. */
    public void on(TracedEvent traced) {
        CloudEvent<?> event = traced.event();
        Object data = event.data();
        if (data instanceof ReferralReceived) {
            referralsReceived(List.of(traced));
        } else if (data instanceof ReferralAccepted accepted) {
            referralAccepted(event.id(), accepted);
        } else if (data instanceof ReferralDeclined declined) {
            referralDeclined(event.id(), declined);
        } else if (data instanceof ReferralExpired expired) {
            referralExpired(event.id(), expired);
        } else if (data instanceof ExpiryDue due && due.kind() == ExpiryKind.REFERRAL_REMINDER) {
            reminderDue(event.id(), due);
        } else if (data instanceof DealCreated created) {
            summaries.deal(require("dealId", created.dealId()), requireMpnId("partnerId", created.partnerId()),
                    created.customer(), created.deal());
        } else if (data instanceof DealUpdated updated) {
            summaries.deal(require("dealId", updated.dealId()), requireMpnId("partnerId", updated.partnerId()),
                    updated.customer(), updated.deal());
        } else if (data instanceof DealEngagementChanged changed) {
            engagementChanged(event.id(), changed);
        }
    }

    /**
     * The opportunity a {@code received} event is about, once checked as handling it checks it;
     * {@code null} for an event of another type.
     *
     * @throws InvalidEventException when the event lacks what handling it needs
     */
    public static UUID receivedOpportunity(CloudEvent<?> event) {
        if (!(event.data() instanceof ReferralReceived referral)) {
            return null;
        }
        UUID opportunityId = require("opportunityId", referral.opportunityId());
        requireMpnId("partnerId", referral.partnerId());
        return opportunityId;
    }

    /**
     * Handles {@code received} events, each of another opportunity, as {@link #on} handles one, in
     * three round trips whatever their number: one read of their partners' settings, one write of
     * their summaries and one of their mails. Each mail continues the trace its event was read in.
     */
    public void referralsReceived(List<TracedEvent> events) {
        List<ReferralReceived> referrals = new ArrayList<>(events.size());
        for (TracedEvent traced : events) {
            CloudEvent<?> event = traced.event();
            if (receivedOpportunity(event) == null) {
                throw new IllegalArgumentException("Not a received referral: " + event.type());
            }
            referrals.add((ReferralReceived) event.data());
        }
        summaries.received(referrals);
        Map<String, NotificationSettings> partners = settings.forPartners(
                referrals.stream().map(ReferralReceived::partnerId).collect(Collectors.toSet()));
        List<PlannedMail> mails = new ArrayList<>(referrals.size());
        for (int index = 0; index < referrals.size(); index++) {
            ReferralReceived referral = referrals.get(index);
            NotificationSettings partner = partners.get(referral.partnerId());
            TracedEvent traced = events.get(index);
            mails.add(new PlannedMail(traced.event().id(), referral.partnerId(), MailKind.REFERRAL_RECEIVED,
                    partner.language(), referralRecipients(partner), receivedFacts(referral), traced.traceparent()));
        }
        outbox.record(mails);
    }

    private static MailFacts receivedFacts(ReferralReceived referral) {
        return MailFacts.builder()
                .opportunityId(referral.opportunityId())
                .referralId(referral.referralId())
                .dealName(referral.deal() == null ? null : referral.deal().name())
                .customerName(referral.customer() == null ? null : referral.customer().name())
                .estimatedValue(referral.deal() == null ? null : referral.deal().estimatedValue())
                .respondBy(referral.respondBy())
                .sender(senderName(referral.sender()), senderEmail(referral.sender()))
                .notes(referral.deal() == null ? null : referral.deal().notes())
                .build();
    }

    private void referralAccepted(String eventId, ReferralAccepted referral) {
        UUID id = require("opportunityId", referral.opportunityId());
        String partnerId = requireMpnId("partnerId", referral.partnerId());
        summaries.answered(id, partnerId, referral.referralId(), referral.sender(), ReferralStage.ACCEPTED);
        summaries.deal(id, partnerId, referral.customer(), referral.deal());
        MailFacts facts = summaryFacts(id)
                .contacts(referral.deal() == null ? List.of() : referral.deal().employees())
                .build();
        // A sender's mail is English whatever the partner's people read (MailKind#language): no settings to read.
        outbox.record(eventId, partnerId, MailKind.REFERRAL_ACCEPTED, MailLanguage.EN, sender(referral.sender()),
                facts);
    }

    private void referralDeclined(String eventId, ReferralDeclined referral) {
        UUID id = require("opportunityId", referral.opportunityId());
        String partnerId = requireMpnId("partnerId", referral.partnerId());
        summaries.answered(id, partnerId, referral.referralId(), referral.sender(), ReferralStage.DECLINED);
        MailFacts facts = summaryFacts(id)
                .reason(describe(referral.reason()))
                .notes(referral.notes())
                .build();
        outbox.record(eventId, partnerId, MailKind.REFERRAL_DECLINED, MailLanguage.EN, sender(referral.sender()),
                facts);
    }

    private void referralExpired(String eventId, ReferralExpired referral) {
        UUID id = require("opportunityId", referral.opportunityId());
        String partnerId = requireMpnId("partnerId", referral.partnerId());
        summaries.expired(id, partnerId, referral.referralId(), referral.sender(), referral.respondBy());
        MailFacts facts = summaryFacts(id).build();
        NotificationSettings partner = settings.forPartner(partnerId);
        outbox.record(eventId, partnerId, MailKind.REFERRAL_EXPIRED_SENDER, partner.language(),
                sender(referral.sender()), facts);
        outbox.record(eventId, partnerId, MailKind.REFERRAL_EXPIRED_PARTNER, partner.language(),
                referralRecipients(partner), facts);
    }

    /** Sent only while the referral is still unanswered and not yet past its deadline. */
    private void reminderDue(String eventId, ExpiryDue due) {
        UUID id = require("targetId", due.targetId());
        Optional<OpportunitySummary> referral = summaries.find(id);
        if (referral.isEmpty() || referral.get().referralStage() == null) {
            log.warn("Reminder due for referral {}, whose arrival this service never saw: not sent", id);
            return;
        }
        OpportunitySummary summary = referral.get();
        boolean unanswered = summary.referralStage() == ReferralStage.RECEIVED;
        boolean beforeDeadline = summary.respondBy() == null || clock.instant().isBefore(summary.respondBy());
        if (!unanswered || !beforeDeadline) {
            log.debug("Reminder for referral {} not sent: it is {}", id, summary.referralStage());
            return;
        }
        NotificationSettings partner = settings.forPartner(summary.partnerId());
        outbox.record(eventId, summary.partnerId(), MailKind.REFERRAL_REMINDER, partner.language(),
                referralRecipients(partner), summaryFacts(id).build());
    }

    private void engagementChanged(String eventId, DealEngagementChanged changed) {
        UUID dealId = require("dealId", changed.dealId());
        String partnerId = requireMpnId("partnerId", changed.partnerId());
        MailKind kind = switch (require("status", changed.status())) {
            case ENGAGED -> MailKind.ENGAGEMENT_ENGAGED;
            case DECLINED -> MailKind.ENGAGEMENT_DECLINED;
            case EXPIRED -> MailKind.ENGAGEMENT_EXPIRED;
            case NONE, REQUESTED -> null;
        };
        if (kind == null) {
            return;
        }
        MailFacts.Builder facts = summaryFacts(dealId)
                .seller(changed.seller() == null ? null : changed.seller().name(),
                        changed.seller() == null ? null : changed.seller().email())
                .notes(changed.notes());
        if (changed.dealName() != null && !changed.dealName().isBlank()) {
            facts.dealName(changed.dealName());
        }
        List<String> employees = changed.employees() == null ? List.of()
                : changed.employees().stream().filter(contact -> contact != null).map(Contact::email).toList();
        outbox.record(eventId, partnerId, kind, settings.forPartner(partnerId).language(),
                Recipients.of(employees, SkipReason.NO_EMPLOYEE_ADDRESSES), facts.build());
    }

    private MailFacts.Builder summaryFacts(UUID id) {
        MailFacts.Builder facts = MailFacts.builder().opportunityId(id);
        summaries.find(id).ifPresent(summary -> facts
                .referralId(summary.referralId())
                .dealName(summary.dealName())
                .customerName(summary.customerName())
                .estimatedValue(summary.estimatedValue())
                .respondBy(summary.respondBy())
                .sender(senderName(summary.sender()), senderEmail(summary.sender())));
        return facts;
    }

    private static Recipients referralRecipients(NotificationSettings partner) {
        return Recipients.of(partner.referralRecipients(), SkipReason.NO_REFERRAL_RECIPIENTS);
    }

    private static Recipients sender(Sender sender) {
        String email = senderEmail(sender);
        return Recipients.of(email == null ? List.of() : List.of(email), SkipReason.NO_SENDER_ADDRESS);
    }

    private static String senderName(Sender sender) {
        return sender == null ? null : sender.name();
    }

    private static String senderEmail(Sender sender) {
        return sender == null ? null : sender.email();
    }

    private static String describe(DeclineReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case NOT_A_FIT -> "not a fit for the partner";
            case NO_CAPACITY -> "no capacity to take it on";
            case CUSTOMER_NOT_INTERESTED -> "the customer is not interested";
            case DUPLICATE -> "a duplicate of an opportunity the partner already has";
            case INSUFFICIENT_DETAILS -> "not enough details";
            case OTHER -> "other";
        };
    }
}
