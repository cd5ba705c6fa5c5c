package org.cosell.expiry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param reminderBefore how long before a referral expires its reminder is due ({@code EXPIRY_REMINDER_BEFORE}) */
@ConfigurationProperties("cosell.expiry")
public record ExpiryProperties(@DefaultValue("P3D") Duration reminderBefore) {
}
