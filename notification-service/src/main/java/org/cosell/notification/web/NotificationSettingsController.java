package org.cosell.notification.web;

import jakarta.validation.Valid;
import org.cosell.notification.settings.NotificationSettings;
import org.cosell.notification.settings.NotificationSettingsRepository;
import org.cosell.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** Who receives the caller's partner's referral e-mails. Only a partner admin may change it ({@link PartnerAdminOnly}). */
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
        return new NotificationSettingsBody(settings.forPartner(caller.partnerId()).referralRecipients());
    }

    @PutMapping
    NotificationSettingsBody put(Caller caller, @Valid @RequestBody NotificationSettingsBody body) {
        NotificationSettings saved = settings.save(NotificationSettings.of(caller.partnerId(), body.referralRecipients(),
                clock.instant(), caller.userId()));
        return new NotificationSettingsBody(saved.referralRecipients());
    }
}
