package org.cosell.expiry;

import org.cosell.support.BackgroundLoop;
import org.cosell.support.LoopLifecycle;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Fires due timers: claims a batch under a lease, publishes it, marks it fired. It runs on its own thread from
 * application start; after a look that found a full batch it looks again at once, otherwise it waits the poll
 * interval. It looks when a timer it was told about ({@link #armed}) falls due, and every rescan interval for
 * the rest: timers other replicas armed, armed before a restart, or claimed by a replica that died. State lives
 * only in MongoDB, so a restarted or additional replica simply carries on.
 */
@Component
public class ExpiryPoller implements LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryPoller.class);

    private final TimerStore store;
    private final ExpiryDuePublisher publisher;
    private final ExpiryMetrics metrics;
    private final Clock clock;
    private final ExpiryProperties properties;
    private final String owner;
    private final BackgroundLoop loop;
    private final KnownDueTimes knownDueTimes = new KnownDueTimes();
    private volatile long lastLookNanos;
    /** Started and not looked yet, or the last look found a full batch: more may be due, known or not. */
    private volatile boolean lookAtOnce;

    public ExpiryPoller(TimerStore store, ExpiryDuePublisher publisher, ExpiryMetrics metrics, Clock clock,
                        ExpiryProperties properties) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
        this.owner = System.getenv().getOrDefault("HOSTNAME", "expiry-scheduler") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.loop = new BackgroundLoop("expiry-poller", properties.pollInterval(), properties.lease(),
                () -> lookIsDue() && pollOnce() == properties.batchSize());
    }

    /** Timers this replica's listener armed: the poller looks for them when they fall due. */
    public void armed(Collection<Instant> dueTimes) {
        knownDueTimes.add(dueTimes);
    }

    private boolean lookIsDue() {
        return lookAtOnce || knownDueTimes.anyDueBy(clock.instant())
                || System.nanoTime() - lastLookNanos >= properties.rescanInterval().toNanos();
    }

    /** Who this replica is in a lease. */
    public String owner() {
        return owner;
    }

    /**
     * One look for due timers. Answers how many were due, at most the batch size; a full batch means more may wait.
     */
    public int pollOnce() throws InterruptedException {
        Instant now = clock.instant();
        knownDueTimes.lookingUpTo(now);
        lastLookNanos = System.nanoTime();
        lookAtOnce = false;
        Claim<ExpiryTimer> claim = store.claimDue(now, properties.batchSize(), owner, properties.lease());
        if (claim.takenOver() > 0) {
            metrics.claimsLost(claim.takenOver());
            log.atWarn().addKeyValue("count", claim.takenOver()).addKeyValue("owner", owner)
                    .log("Took over timers whose lease had expired; the replica that held them died or stalled");
        }
        List<ExpiryTimer> toFire = new ArrayList<>(claim.documents().size());
        List<String> stale = new ArrayList<>();
        for (ExpiryTimer timer : claim.documents()) {
            if (timer.isStaleAt(now)) {
                stale.add(timer.id());
            } else {
                toFire.add(timer);
            }
        }
        if (!stale.isEmpty()) {
            store.markStale(stale, claim.claimId(), now);
            log.atInfo().addKeyValue("count", stale.size()).log("Cancelled timers that went stale before they could fire");
        }
        if (!toFire.isEmpty()) {
            fire(toFire, claim);
        }
        lookAtOnce = claim.candidates() == properties.batchSize();
        return claim.candidates();
    }

    private void fire(List<ExpiryTimer> timers, Claim<ExpiryTimer> claim) throws InterruptedException {
        List<ExpiryTimer> acknowledged = publisher.publish(timers, properties.publishTimeout());
        Instant firedAt = clock.instant();
        store.markFired(acknowledged.stream().map(ExpiryTimer::id).toList(), firedAt);
        acknowledged.forEach(timer -> metrics.fired(timer.kind(), Duration.between(timer.dueAt(), firedAt)));
        if (firedAt.isAfter(claim.leaseExpiresAt())) {
            log.atWarn().addKeyValue("count", acknowledged.size()).addKeyValue("owner", owner)
                    .log("A batch outlived its lease; another replica may have published it too, with the same event ids");
        }
        if (acknowledged.size() < timers.size()) {
            Set<String> unacknowledged = new HashSet<>(timers.stream().map(ExpiryTimer::id).toList());
            acknowledged.forEach(timer -> unacknowledged.remove(timer.id()));
            store.release(unacknowledged, claim.claimId());
            log.atWarn().addKeyValue("count", unacknowledged.size())
                    .log("Kafka did not acknowledge cosell.expiry.due; the timers are armed again");
        }
        log.atDebug().addKeyValue("count", acknowledged.size()).addKeyValue("claimId", claim.claimId()).log("Fired timers");
    }

    @Override
    public void start() {
        if (!loop.isRunning()) {
            lookAtOnce = true;
            loop.start();
            log.atInfo().addKeyValue("owner", owner).addKeyValue("pollInterval", properties.pollInterval())
                    .log("Expiry poller started");
        }
    }

    /** Stopping lets the batch in hand finish: its claims would otherwise wait out their lease. */
    @Override
    public BackgroundLoop loop() {
        return loop;
    }
}
