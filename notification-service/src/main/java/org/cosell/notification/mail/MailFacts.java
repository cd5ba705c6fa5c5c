package org.cosell.notification.mail;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a mail may name about its referral or deal. Every field may be missing (a mail about a deal
 * this service never saw created still goes out); each template uses what its kind needs. All text
 * comes from upstream and is untrusted: the templates escape it and headers never carry it.
 *
 * @param opportunityId the referral's or deal's id (one id for both), which the portal's page of it is named by
 * @param reason    why it was declined, readable
 * @param notes     the free text that came with what happened
 * @param contacts  people the reader may turn to (the partner's employees on an accepted referral)
 */
public record MailFacts(
        UUID opportunityId,
        String referralId,
        String dealName,
        String customerName,
        Money estimatedValue,
        Instant respondBy,
        String senderName,
        String senderEmail,
        String reason,
        String notes,
        String sellerName,
        String sellerEmail,
        List<Contact> contacts) {

    public MailFacts {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fills the facts one by one; most mails know only some of them. */
    public static final class Builder {
        private UUID opportunityId;
        private String referralId;
        private String dealName;
        private String customerName;
        private Money estimatedValue;
        private Instant respondBy;
        private String senderName;
        private String senderEmail;
        private String reason;
        private String notes;
        private String sellerName;
        private String sellerEmail;
        private List<Contact> contacts;

        private Builder() {
        }

        public Builder opportunityId(UUID opportunityId) {
            this.opportunityId = opportunityId;
            return this;
        }

        public Builder referralId(String referralId) {
            this.referralId = referralId;
            return this;
        }

        public Builder dealName(String dealName) {
            this.dealName = dealName;
            return this;
        }

        public Builder customerName(String customerName) {
            this.customerName = customerName;
            return this;
        }

        public Builder estimatedValue(Money estimatedValue) {
            this.estimatedValue = estimatedValue;
            return this;
        }

        public Builder respondBy(Instant respondBy) {
            this.respondBy = respondBy;
            return this;
        }

        public Builder sender(String name, String email) {
            this.senderName = name;
            this.senderEmail = email;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public Builder seller(String name, String email) {
            this.sellerName = name;
            this.sellerEmail = email;
            return this;
        }

        public Builder contacts(List<Contact> contacts) {
            this.contacts = contacts;
            return this;
        }

        public MailFacts build() {
            return new MailFacts(opportunityId, referralId, dealName, customerName, estimatedValue, respondBy, senderName, senderEmail,
                    reason, notes, sellerName, sellerEmail, contacts);
        }
    }
}
