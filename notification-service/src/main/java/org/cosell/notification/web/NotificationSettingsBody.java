package org.cosell.notification.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cosell.notification.mail.MailAddress;

import java.util.List;

/** The body of {@code GET} and {@code PUT /api/notification-settings}. */
public record NotificationSettingsBody(
        @NotNull @Size(max = 50) List<@NotNull @MailAddress String> referralRecipients) {
}
