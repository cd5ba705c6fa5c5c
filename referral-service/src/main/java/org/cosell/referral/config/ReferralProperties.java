package org.cosell.referral.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param responseWindow how long a partner has to accept or decline ({@code REFERRAL_RESPONSE_WINDOW}) */
@ConfigurationProperties("cosell.referrals")
public record ReferralProperties(@DefaultValue("P14D") Duration responseWindow) {
}
