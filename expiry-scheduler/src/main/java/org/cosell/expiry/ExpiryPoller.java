package org.cosell.expiry;

import org.cosell.expiry.DueTimers.DueTimer;
import org.cosell.expiry.TimerChange.Arm;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires due timers: claims them under a lease, publishes them, marks them fired. It runs on its own thread from
 * application start and keeps a view of the armed timers ({@link DueTimers}), built from the database at start
 * and whenever the listener is given partitions, and fed by the arms this replica's listener writes. A look with
 * nothing due in the view costs no query; with something due, it claims what fell due by spans of the claim order
 * (a batch as large as the backlog, up to the max batch size), each span by the ids the view holds. Every rescan
 * interval, and when a lease it saw in the database runs out, it also queries the database for due timers, which
 * finds what the view lacks: timers armed by another replica's listener since the view was built, and claims of a
 * replica that died. State lives only in MongoDB, so a restarted or additional replica simply carries on.
 */
@Component
public class ExpiryPoller implements LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryPoller.class);
    /** A look takes at most this many max batches from the view; the rest waits for the next look, at once. */
    private static final int BATCHES_PER_LOOK = 5;

    private final TimerStore store;
    private final ExpiryDuePublisher publisher;
    private final ExpiryMetrics metrics;
    private final Clock clock;
    private final ExpiryProperties properties;
    private final String owner;
    private final BackgroundLoop loop;
    private final DueTimers view = new DueTimers();
    private volatile boolean rebuildRequested;
    private volatile boolean viewBuilt;
    private volatile long lastRescanNanos;
    /** When a claim seen while building the view runs out: the rescan takes it over then. */
    private final AtomicReference<Instant> rescanAt = new AtomicReference<>();

    public ExpiryPoller(TimerStore store, ExpiryDuePublisher publisher, ExpiryMetrics metrics, Clock clock,
                        ExpiryProperties properties) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
        this.owner = System.getenv().getOrDefault("HOSTNAME", "expiry-scheduler") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.loop = new BackgroundLoop("expiry-poller", properties.pollInterval(), properties.lease(), this::round);
        metrics.watchView(view);
    }

    /** Timers this replica's listener armed: the view holds them until they fall due. */
    public void armed(Collection<Arm> arms) {
        arms.forEach(arm -> view.add(arm.kind(), arm.targetId(), arm.dueAt()));
    }

    /** The listener was given partitions: their timers may have been armed by another replica, so read them all again. */
    public void partitionsAssigned() {
        rebuildRequested = true;
        loop.wakeUp();
    }

    /** Who this replica is in a lease. */
    public String owner() {
        return owner;
    }

    /** Whether the view has been built from the database since the last start. */
    public boolean viewBuilt() {
        return viewBuilt;
    }

    private boolean round() throws InterruptedException {
        if (rebuildRequested) {
            rebuildRequested = false;
            rebuildView();
        }
        boolean more = false;
        if (rescanIsDue()) {
            long started = System.nanoTime();
            int found = pollOnce();
            metrics.polled(ExpiryMetrics.LOOK_RESCAN, found > 0, System.nanoTime() - started);
            more = found == properties.batchSize();
        }
        long started = System.nanoTime();
        int found = fireFromView();
        metrics.polled(ExpiryMetrics.LOOK_VIEW, found > 0, System.nanoTime() - started);
        // what fell due while this look claimed and published is taken at once, not after the poll interval
        return more || view.anyDueBy(clock.instant());
    }

    private void rebuildView() {
        long started = System.nanoTime();
        DueTimers rebuilt = view.startRebuild();
        AtomicReference<Instant> earliestLapse = new AtomicReference<>();
        try {
            store.forEachLive(timer -> rebuilt.add(timer.kind(), timer.targetId(), timer.dueAt()),
                    expiresAt -> earliestLapse.accumulateAndGet(expiresAt,
                            (earliest, next) -> earliest == null || next.isBefore(earliest) ? next : earliest));
        } catch (RuntimeException e) {
            rebuildRequested = true;
            view.abandonRebuild();
            throw e;
        }
        view.finishRebuild(rebuilt);
        if (earliestLapse.get() != null) {
            rescanAt.accumulateAndGet(earliestLapse.get(),
                    (current, lapse) -> current == null || lapse.isBefore(current) ? lapse : current);
        }
        viewBuilt = true;
        log.atInfo().addKeyValue("timers", view.size()).addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                .log("Read the armed timers into this replica's view of what is due");
    }

    private boolean rescanIsDue() {
        Instant lapse = rescanAt.get();
        return System.nanoTime() - lastRescanNanos >= properties.rescanInterval().toNanos()
                || lapse != null && !clock.instant().isBefore(lapse);
    }

    /**
     * Claims and fires what the view holds as due, by spans of the claim order, each claimed by its timers' ids (what
     * the view lacks is left to the rescan). Each replica takes the spans in an order of its own, so that two replicas
     * with the same backlog mostly claim different spans; a timer that is no longer claimable (fired by another
     * replica, disarmed) just leaves the view. Answers how many it took.
     */
    private int fireFromView() throws InterruptedException {
        Instant now = clock.instant();
        if (!view.anyDueBy(now)) {
            return 0;
        }
        List<DueTimer> due = view.takeDue(now, BATCHES_PER_LOOK * properties.maxBatchSize());
        int batches = (due.size() + properties.maxBatchSize() - 1) / properties.maxBatchSize();
        int batchSize = (due.size() + batches - 1) / batches;
        List<List<DueTimer>> spans = new ArrayList<>(batches);
        for (int from = 0; from < due.size(); from += batchSize) {
            spans.add(due.subList(from, Math.min(due.size(), from + batchSize)));
        }
        Collections.shuffle(spans);
        int next = 0;
        try {
            for (; next < spans.size(); next++) {
                List<DueTimer> span = spans.get(next);
                // each span's lease starts when it is claimed: the spans before it took time to publish
                Instant claimedAt = clock.instant();
                Claim<ExpiryTimer> claim = store.claimAmong(span, claimedAt, owner, properties.lease());
                settle(claim, claimedAt);
            }
        } finally {
            // after a failure, the spans not yet settled stay in the view for the next look
            for (int left = next; left < spans.size(); left++) {
                spans.get(left).forEach(timer -> view.add(timer.kind(), timer.targetId(), timer.dueAt()));
            }
        }
        return due.size();
    }

    /**
     * One look in the database for due timers, what the view may lack: armed and due, or firing with an expired
     * lease. Answers how many were due, at most the batch size; a full batch means more may wait.
     */
    public int pollOnce() throws InterruptedException {
        Instant now = clock.instant();
        lastRescanNanos = System.nanoTime();
        Instant lapse = rescanAt.get();
        if (lapse != null && !now.isBefore(lapse)) {
            rescanAt.compareAndSet(lapse, null);
        }
        Claim<ExpiryTimer> claim = store.claimDue(now, properties.batchSize(), owner, properties.lease());
        if (claim.takenOver() > 0) {
            metrics.claimsLost(claim.takenOver());
            log.atWarn().addKeyValue("count", claim.takenOver()).addKeyValue("owner", owner)
                    .log("Took over timers whose lease had expired; the replica that held them died or stalled");
        }
        settle(claim, now);
        return claim.candidates();
    }

    /** Cancels the claimed timers that went stale and fires the others. */
    private void settle(Claim<ExpiryTimer> claim, Instant now) throws InterruptedException {
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
    }

    private void fire(List<ExpiryTimer> timers, Claim<ExpiryTimer> claim) throws InterruptedException {
        List<ExpiryTimer> acknowledged = publisher.publish(timers, properties.publishTimeout());
        Instant firedAt = clock.instant();
        store.markFired(acknowledged, firedAt);
        acknowledged.forEach(timer -> metrics.fired(timer.kind(), Duration.between(timer.dueAt(), firedAt)));
        if (firedAt.isAfter(claim.leaseExpiresAt())) {
            log.atWarn().addKeyValue("count", acknowledged.size()).addKeyValue("owner", owner)
                    .log("A batch outlived its lease; another replica may have published it too, with the same event ids");
        }
        if (acknowledged.size() < timers.size()) {
            Set<String> unacknowledged = new HashSet<>(timers.stream().map(ExpiryTimer::id).toList());
            acknowledged.forEach(timer -> unacknowledged.remove(timer.id()));
            store.release(unacknowledged, claim.claimId());
            timers.stream().filter(timer -> unacknowledged.contains(timer.id()))
                    .forEach(timer -> view.add(timer.kind(), timer.targetId(), timer.dueAt()));
            log.atWarn().addKeyValue("count", unacknowledged.size())
                    .log("Kafka did not acknowledge cosell.expiry.due; the timers are armed again");
        }
        log.atDebug().addKeyValue("count", acknowledged.size()).addKeyValue("claimId", claim.claimId()).log("Fired timers");
    }

    @Override
    public void start() {
        if (!loop.isRunning()) {
            viewBuilt = false;
            rebuildRequested = true;
            lastRescanNanos = System.nanoTime();
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
