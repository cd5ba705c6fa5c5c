package org.cosell.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets per partner and per user of the partner, in memory per gateway replica: each holds
 * {@code burst} requests and refills {@code requestsPerSecond}. The defaults let a person in the UI
 * (a page loads with a handful of calls) and a partner's scripts work unhindered, and stop one
 * partner from taking the services' capacity from the others.
 *
 * @param enabled whether {@code /api/**} calls are limited at all ({@code RATE_LIMIT_ENABLED})
 * @param partner every user of one partner together
 * @param user one user ({@code sub}) of one partner
 * @param partnerInFlight the most calls of one partner the gateway forwards at once: a burst the
 *        token bucket lets through still cannot take all of a service's workers from other partners
 * @param maxTrackedKeys the most buckets kept per kind; the least recently used go first
 * @param idleExpiry a bucket unused this long is dropped (it would be full again anyway)
 */
@ConfigurationProperties("cosell.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({ "50", "100" }) Limit partner,
        @DefaultValue({ "20", "40" }) Limit user,
        @DefaultValue("16") int partnerInFlight,
        @DefaultValue("100000") int maxTrackedKeys,
        @DefaultValue("10m") Duration idleExpiry) {

    public RateLimitProperties {
        if (partnerInFlight < 1) {
            throw new IllegalArgumentException("partnerInFlight must be at least 1");
        }
    }

    /** {@code burst} requests at once, then {@code requestsPerSecond}. */
    public record Limit(int requestsPerSecond, int burst) {

        public Limit {
            if (requestsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("A rate limit needs requestsPerSecond and burst of at least 1");
            }
        }

        /** Seconds an empty bucket takes to fill up again: the window of the advertised policy. */
        long windowSeconds() {
            return Math.max(1, (burst + requestsPerSecond - 1) / requestsPerSecond);
        }
    }
}
