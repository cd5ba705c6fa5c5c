package org.cosell.expiry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param reminderBefore how long before a referral expires its reminder is due ({@code EXPIRY_REMINDER_BEFORE})
 * @param pollInterval   how long the poller waits for due timers after a look that found no backlog
 * @param batchSize      timers claimed, published and marked fired per round trip of a rescan
 * @param maxBatchSize   the most timers claimed at once from the replica's view of what is due: a claim takes
 *                       what has fallen due since the last look, so batches grow with the backlog up to this
 * @param lease          how long a claim stays exclusive; claims a replica has not marked fired by then are
 *                       taken again by the others
 * @param rescanInterval how often the poller queries the database for due timers its view lacks: armed by another
 *                       replica's listener since the view was built, or claimed by a replica that died. The view
 *                       is built at start and whenever the listener is given partitions, and follows the arms
 *                       this replica's listener writes.
 */
@ConfigurationProperties("cosell.expiry")
public record ExpiryProperties(
        @DefaultValue("P3D") Duration reminderBefore,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("20000") int maxBatchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("60s") Duration rescanInterval) {

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
        if (maxBatchSize < batchSize) {
            throw new IllegalArgumentException("cosell.expiry.max-batch-size must not be smaller than the batch size");
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
        return new ExpiryProperties(reminderBefore, interval, batchSize, maxBatchSize, lease, rescanInterval);
    }

    public ExpiryProperties withBatchSizes(int batch, int maxBatch) {
        return new ExpiryProperties(reminderBefore, pollInterval, batch, maxBatch, lease, rescanInterval);
    }

    public ExpiryProperties withRescanInterval(Duration interval) {
        return new ExpiryProperties(reminderBefore, pollInterval, batchSize, maxBatchSize, lease, interval);
    }
}
