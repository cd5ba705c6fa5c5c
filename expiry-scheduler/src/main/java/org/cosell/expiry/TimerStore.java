package org.cosell.expiry;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.expiry.DueTimers.DueTimer;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.expiry.TimerChange.Disarm;
import org.cosell.support.UnorderedInserts;
import org.cosell.support.lease.LeasedClaims;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The {@code timers} collection. Each change that could race is one conditional single-document write, so
 * listeners and pollers of any number of replicas need no transaction: arming inserts only what is absent,
 * disarming moves only a live timer, and claims are {@link LeasedClaims}: a claim moves only what is still
 * claimable, and only the claim's holder gives a timer back or cancels it as stale.
 */
@Component
public class TimerStore {

    private static final int LIVE_BATCH = 20_000;
    private static final int IDS_PER_UPDATE = 50;

    private final MongoTemplate mongo;
    private final LeasedClaims<ExpiryTimer> claims;

    public TimerStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.claims = new LeasedClaims<>(mongo, ExpiryTimer.class, ExpiryTimer::id,
                new LeasedClaims.Fields("dueAt", true, "lease.claimId", "lease.expiresAt"), TimerStore::claimable,
                where("state").is(TimerState.FIRING));
    }

    public void apply(TimerChange change, Instant now) {
        if (change instanceof Arm arm) {
            arm(arm, now);
        } else if (change instanceof Disarm disarm) {
            disarm(disarm, now);
        }
    }

    /** Inserts the timer unless its id exists in any state: answers {@code false} for a re-delivery or a tombstone. */
    public boolean arm(Arm arm, Instant now) {
        return armAll(List.of(arm), now) == 1;
    }

    /**
     * {@link #arm} for many timers in one unordered bulk insert; answers how many were new. A timer whose id
     * exists (armed before, or a tombstone) fails alone on its id and is left as it is; its neighbours are
     * inserted. Inserting, not upserting with {@code $setOnInsert}: the outcome is the same, and the embedded
     * database builds an upserted document from its update operators at a cost greater than the insert's.
     * <p>
     * One exception: a target may get a new deadline once its last one is over (a deal asks Microsoft again after a
     * decline or expiry). A timer that fired or was cancelled is armed again for a deadline later than its own; an
     * arm delivered again, or a tombstone left before any deadline was known, still changes nothing.
     */
    public int armAll(List<Arm> arms, Instant now) {
        if (arms.isEmpty()) {
            return 0;
        }
        List<Document> timers = new ArrayList<>(arms.size());
        for (Arm arm : arms) {
            Document timer = new Document();
            mongo.getConverter().write(armed(arm, now), timer);
            timers.add(timer);
        }
        Set<Integer> taken = UnorderedInserts.insertIgnoringTakenIds(mongo, ExpiryTimer.COLLECTION, timers);
        int rearmed = 0;
        for (int position : taken) {
            if (rearmForLaterDeadline(arms.get(position), now)) {
                rearmed++;
            }
        }
        return timers.size() - taken.size() + rearmed;
    }

    private boolean rearmForLaterDeadline(Arm arm, Instant now) {
        Query settledEarlier = query(where("_id").is(arm.timerId())
                .and("state").in(TimerState.FIRED, TimerState.CANCELLED)
                .and("dueAt").lt(arm.dueAt()));
        Update rearmed = new Update().set("state", TimerState.ARMED).set("dueAt", arm.dueAt())
                .set("staleAt", arm.staleAt()).set("partnerId", arm.partnerId()).set("armedAt", now)
                .unset("lease").unset("settledAt");
        return mongo.updateFirst(settledEarlier, rearmed, ExpiryTimer.class).getModifiedCount() > 0;
    }

    /**
     * Cancels a live timer, or leaves a tombstone when there is none yet so that a late arm does nothing. A
     * timer already fired stays fired. The second look covers an arm that slipped in between the two writes. A
     * disarm that names its deadline cancels only that one, not a later deadline the target got since, and its
     * tombstone keeps that deadline, so that only a later one arms the timer.
     */
    public void disarm(Disarm disarm, Instant now) {
        if (cancelLive(disarm, now)) {
            return;
        }
        Update tombstone = new Update()
                .setOnInsert("kind", disarm.kind())
                .setOnInsert("targetId", disarm.targetId())
                .setOnInsert("partnerId", disarm.partnerId())
                .setOnInsert("state", TimerState.CANCELLED)
                .setOnInsert("settledAt", now);
        if (disarm.dueAt() != null) {
            tombstone.setOnInsert("dueAt", disarm.dueAt());
        }
        if (mongo.upsert(byId(disarm.timerId()), tombstone, ExpiryTimer.class).getUpsertedId() == null) {
            cancelLive(disarm, now);
        }
    }

    /**
     * Claims up to {@code limit} due timers, oldest first, for {@code owner}: armed ones whose time has come and
     * firing ones whose lease has expired (counted as taken over). Of two replicas racing for a timer exactly one
     * wins it.
     */
    public Claim<ExpiryTimer> claimDue(Instant now, int limit, String owner, Duration lease) {
        return claims.claim(now, limit, now.plus(lease),
                new Update().set("state", TimerState.FIRING).set("lease.owner", owner));
    }

    /**
     * Claims for {@code owner} those of {@code due} (this replica's view of the due timers, in claim order) that are
     * armed and due by {@code now} and were never claimed: found by their ids, so that the claim costs what it takes,
     * not what is armed. Of two replicas claiming the same timers, each is won by exactly one.
     */
    public Claim<ExpiryTimer> claimAmong(List<DueTimer> due, Instant now, String owner, Duration lease) {
        return claims.claimAmong(due.stream().map(DueTimer::id).toList(), now, now.plus(lease),
                new Update().set("state", TimerState.FIRING).set("lease.owner", owner));
    }

    /**
     * Hands {@code armed} every armed timer and {@code firing} every claimed one, reading each once with only the
     * fields that says: how a replica builds its view of what is due. The index {@code (state, dueAt, _id)}
     * serves the query.
     */
    public void forEachLive(Consumer<DueTimer> armed, Consumer<Instant> firingLeaseExpiresAt) {
        // in batches: the embedded server otherwise answers the first request with every timer, too large a reply
        Query live = query(where("state").in(TimerState.ARMED, TimerState.FIRING)).cursorBatchSize(LIVE_BATCH);
        live.fields().include("_id", "dueAt", "state", "lease.expiresAt");
        try (Stream<Document> timers = mongo.stream(live, Document.class, ExpiryTimer.COLLECTION)) {
            timers.forEach(timer -> {
                if (TimerState.FIRING.name().equals(timer.getString("state"))) {
                    Date expiresAt = timer.getEmbedded(List.of("lease", "expiresAt"), Date.class);
                    firingLeaseExpiresAt.accept(expiresAt == null ? Instant.EPOCH : expiresAt.toInstant());
                } else {
                    DueTimer parsed = dueTimerOf(timer.getString("_id"), timer.getDate("dueAt"));
                    if (parsed != null) {
                        armed.accept(parsed);
                    }
                }
            });
        }
    }

    /**
     * Marks published timers fired: each found by its id and the deadline it was published for. Whoever holds
     * the lease now, FIRED is true of that deadline, and FIRED is final; but a timer re-armed for a later deadline
     * meanwhile (cancelled while its publication was in flight, then asked for again) keeps the later one armed.
     * The timers of one deadline go {@value #IDS_PER_UPDATE} ids to an update, all in one bulk write, each update
     * answered by the primary index; not more to an update, as a server without query planning (mongo-java-server)
     * checks each timer against the whole list.
     */
    public void markFired(Collection<ExpiryTimer> published, Instant now) {
        if (published.isEmpty()) {
            return;
        }
        Map<Instant, List<String>> idsByDeadline = new LinkedHashMap<>();
        published.forEach(timer -> idsByDeadline.computeIfAbsent(timer.dueAt(), deadline -> new ArrayList<>())
                .add(timer.id()));
        Update fired = new Update().set("state", TimerState.FIRED).set("settledAt", now);
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ExpiryTimer.class);
        idsByDeadline.forEach((dueAt, ids) -> {
            for (int from = 0; from < ids.size(); from += IDS_PER_UPDATE) {
                List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_UPDATE));
                bulk.updateMulti(query(where("_id").in(some).and("dueAt").is(dueAt)), fired);
            }
        });
        bulk.execute();
    }

    /** Cancels claimed timers that went stale before they could fire. */
    public int markStale(Collection<String> ids, String claimId, Instant now) {
        return claims.settle(ids, claimId, new Update().set("state", TimerState.CANCELLED).set("settledAt", now));
    }

    /** Gives claimed timers back at once (their publication failed), rather than after the lease. */
    public int release(Collection<String> ids, String claimId) {
        return claims.settle(ids, claimId, new Update().set("state", TimerState.ARMED).unset("lease"));
    }

    public Optional<ExpiryTimer> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ExpiryTimer.class));
    }

    public List<ExpiryTimer> findAll(Collection<String> ids) {
        return mongo.find(query(where("_id").in(ids)), ExpiryTimer.class);
    }

    public long countArmed() {
        return mongo.count(query(where("state").is(TimerState.ARMED)), ExpiryTimer.class);
    }

    private boolean cancelLive(Disarm disarm, Instant now) {
        Criteria live = where("_id").is(disarm.timerId()).and("state").in(TimerState.ARMED, TimerState.FIRING);
        if (disarm.dueAt() != null) {
            live = live.and("dueAt").is(disarm.dueAt());
        }
        UpdateResult result = mongo.updateFirst(query(live),
                new Update().set("state", TimerState.CANCELLED).set("settledAt", now), ExpiryTimer.class);
        return result.getMatchedCount() > 0;
    }

    /** Armed and due, or firing with an expired lease. */
    private static Criteria claimable(Instant now) {
        return new Criteria().orOperator(
                where("state").is(TimerState.ARMED).and("dueAt").lte(now),
                where("state").is(TimerState.FIRING).and("lease.expiresAt").lte(now));
    }

    /** The view's form of a stored timer; {@code null} for an id that is not {@code KIND:uuid}. */
    private static DueTimer dueTimerOf(String id, Date dueAt) {
        int colon = id.indexOf(':');
        if (colon < 0 || dueAt == null) {
            return null;
        }
        try {
            return new DueTimer(ExpiryKind.valueOf(id.substring(0, colon)), UUID.fromString(id.substring(colon + 1)),
                    dueAt.toInstant());
        } catch (IllegalArgumentException notATimerId) {
            return null;
        }
    }

    private static ExpiryTimer armed(Arm arm, Instant now) {
        return new ExpiryTimer(arm.timerId(), arm.kind(), arm.targetId(), arm.partnerId(), arm.dueAt(), arm.staleAt(),
                TimerState.ARMED, null, now, null);
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }
}
