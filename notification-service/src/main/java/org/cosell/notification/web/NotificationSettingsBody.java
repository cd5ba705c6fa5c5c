package org.cosell.notification.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cosell.notification.mail.MailAddress;
import org.cosell.notification.mail.MailLanguage;

import java.util.List;

/**
 * The body of {@code GET} and {@code PUT /api/notification-settings}.
 *
 * @param language the language of the mails to the partner's people, {@code en} or {@code it}; on
 *                 {@code PUT}, absent keeps the saved one, so a client that predates it changes nothing
 */
public record NotificationSettingsBody(
        @NotNull @Size(max = 50) List<@NotNull @MailAddress String> referralRecipients,
        @Pattern(regexp = MailLanguage.CODES, message = "must be one of: en, it") String language) {
}
