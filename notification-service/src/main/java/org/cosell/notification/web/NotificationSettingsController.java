package org.cosell.notification.web;

import jakarta.validation.Valid;
import org.cosell.notification.mail.MailLanguage;
import org.cosell.notification.settings.NotificationSettings;
import org.cosell.notification.settings.NotificationSettingsRepository;
import org.cosell.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Who receives the caller's partner's referral e-mails, and the language its people read mails in.
 * Only a partner admin may change them ({@link PartnerAdminOnly}).
 */
@RestController
@RequestMapping(NotificationSettingsController.PATH)
public class NotificationSettingsController {

    static final String PATH = "/api/notification-settings";

    private final NotificationSettingsRepository settings;
    private final Clock clock;

    public NotificationSettingsController(NotificationSettingsRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    NotificationSettingsBody get(Caller caller) {
        return body(settings.forPartner(caller.partnerId()));
    }

    @PutMapping
    NotificationSettingsBody put(Caller caller, @Valid @RequestBody NotificationSettingsBody body) {
        MailLanguage language = MailLanguage.ofCode(body.language())
                .orElseGet(() -> settings.forPartner(caller.partnerId()).language());
        NotificationSettings saved = settings.save(NotificationSettings.of(caller.partnerId(), body.referralRecipients(),
                language, clock.instant(), caller.userId()));
        return body(saved);
    }

    private static NotificationSettingsBody body(NotificationSettings saved) {
        return new NotificationSettingsBody(saved.referralRecipients(), saved.language().code());
    }
}
