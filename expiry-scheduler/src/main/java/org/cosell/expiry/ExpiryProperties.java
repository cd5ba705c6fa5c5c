package org.cosell.expiry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param reminderBefore how long before a referral expires its reminder is due ({@code EXPIRY_REMINDER_BEFORE})
 * @param pollInterval   how long the poller waits for due timers after a look that found no backlog
 * @param batchSize      timers claimed, published and marked fired per round trip
 * @param lease          how long a claim stays exclusive; claims a replica has not marked fired by then are
 *                       taken again by the others
 * @param rescanInterval how often the poller looks for due timers it was not told about: armed by another
 *                       replica's listener or before a restart, or claimed by a replica that died. Timers this
 *                       replica armed are looked for when they fall due.
 */
@ConfigurationProperties("cosell.expiry")
public record ExpiryProperties(
        @DefaultValue("P3D") Duration reminderBefore,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5s") Duration rescanInterval) {

    public ExpiryProperties {
        if (reminderBefore.isNegative()) {
            throw new IllegalArgumentException("cosell.expiry.reminder-before must not be negative");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("cosell.expiry.poll-interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("cosell.expiry.batch-size must be at least 1");
        }
        if (rescanInterval.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("cosell.expiry.rescan-interval must not be shorter than the poll interval");
        }
        if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("cosell.expiry.lease must be at least 2s");
        }
    }

    /** How long a poll waits for Kafka's acknowledgements: well inside the lease, so a slow batch is not taken over. */
    public Duration publishTimeout() {
        return lease.dividedBy(2);
    }

    public ExpiryProperties withPollInterval(Duration interval) {
        return new ExpiryProperties(reminderBefore, interval, batchSize, lease, rescanInterval);
    }

    public ExpiryProperties withRescanInterval(Duration interval) {
        return new ExpiryProperties(reminderBefore, pollInterval, batchSize, lease, interval);
    }
}
