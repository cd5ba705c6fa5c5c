package org.cosell.notification.settings;

import org.cosell.notification.mail.MailAddresses;
import org.cosell.notification.mail.MailLanguage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who receives a partner's referral e-mails, and the language the partner's people read their mails
 * in; one document per partner. The addresses are valid ({@link MailAddresses}) and distinct
 * ignoring case, in the order the administrator gave them. A document saved before the language
 * was a setting has none: it reads as {@link MailLanguage#EN}, what those mails were written in.
 */
@Document("notification_settings")
public record NotificationSettings(@Id String partnerId, List<String> referralRecipients, MailLanguage language,
                                   Instant updatedAt, String updatedBy) {

    public NotificationSettings {
        referralRecipients = referralRecipients == null ? List.of() : List.copyOf(referralRecipients);
        language = language == null ? MailLanguage.EN : language;
    }

    /** The settings of a partner that never saved any: nobody receives its referral e-mails, the others read English. */
    public static NotificationSettings none(String partnerId) {
        return new NotificationSettings(partnerId, List.of(), MailLanguage.EN, null, null);
    }

    public static NotificationSettings of(String partnerId, List<String> referralRecipients, MailLanguage language,
                                          Instant updatedAt, String updatedBy) {
        Map<String, String> distinct = new LinkedHashMap<>();
        for (String address : referralRecipients) {
            if (!MailAddresses.isValid(address)) {
                throw new IllegalArgumentException("Not a valid e-mail address: " + MailAddresses.printable(address));
            }
            distinct.putIfAbsent(MailAddresses.key(address), address);
        }
        return new NotificationSettings(partnerId, List.copyOf(distinct.values()), language, updatedAt, updatedBy);
    }
}
