package org.cosell.deal.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param engagementResponseWindow how long Microsoft sellers have to answer a co-sell request ({@code ENGAGEMENT_RESPONSE_WINDOW}) */
@ConfigurationProperties("cosell.deals")
public record DealProperties(@DefaultValue("P14D") Duration engagementResponseWindow) {
}
