package org.cosell.notification.settings;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface NotificationSettingsRepository extends MongoRepository<NotificationSettings, String> {

    default NotificationSettings forPartner(String partnerId) {
        return findById(partnerId).orElseGet(() -> NotificationSettings.none(partnerId));
    }
}
