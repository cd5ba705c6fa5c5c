package org.cosell.notification.settings;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

public interface NotificationSettingsRepository extends MongoRepository<NotificationSettings, String> {

    default NotificationSettings forPartner(String partnerId) {
        return findById(partnerId).orElseGet(() -> NotificationSettings.none(partnerId));
    }

    /** The settings of every partner named, in one read ({@code _id $in}); {@link NotificationSettings#none} for those without. */
    default Map<String, NotificationSettings> forPartners(Collection<String> partnerIds) {
        Map<String, NotificationSettings> settings = new HashMap<>();
        findAllById(partnerIds).forEach(saved -> settings.put(saved.partnerId(), saved));
        partnerIds.forEach(partnerId -> settings.computeIfAbsent(partnerId, NotificationSettings::none));
        return settings;
    }
}
