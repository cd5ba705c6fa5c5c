package org.cosell.support.lease;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.cosell.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Claims on the embedded database: racing holders, lapsed leases, and writes by a holder that lost its claim. */
class LeasedClaimsIT {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static MongoClient client;

    private MongoTemplate mongo;
    private LeasedClaims<Job> claims;

    /** A document claimed like a timer: WAITING until due, HELD while claimed, DONE for good (keeping its claim id). */
    @Document(collection = "jobs")
    record Job(@Id String id, String state, Instant dueAt, String claimId, Instant leaseExpiresAt) {
    }

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void newDatabase() {
        mongo = new MongoTemplate(client, "leased-claims-" + UUID.randomUUID());
        claims = new LeasedClaims<>(mongo, Job.class, Job::id,
                new LeasedClaims.Fields("dueAt", true, "claimId", "leaseExpiresAt"), LeasedClaimsIT::claimable,
                where("state").is("HELD"));
    }

    @Test
    void twoHoldersRacingForTheSameDocumentsWinDisjointSetsThatTogetherHoldEachDocumentOnce() throws Exception {
        List<String> ids = waiting(120, NOW.minusSeconds(60));
        // a holder that found nothing leaves the rounds, so that the other is not left waiting for it
        Phaser together = new Phaser(2);
        Callable<List<String>> holder = () -> {
            List<String> won = new ArrayList<>();
            Claim<Job> claim;
            do {
                together.arriveAndAwaitAdvance();
                claim = claims.claim(NOW, 7, NOW.plus(LEASE), held());
                claim.documents().forEach(job -> won.add(job.id()));
            } while (claim.candidates() > 0);
            together.arriveAndDeregister();
            return won;
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = threads.submit(holder);
            Future<List<String>> second = threads.submit(holder);
            List<String> firstWon = first.get();
            List<String> secondWon = second.get();

            assertThat(firstWon).doesNotHaveDuplicates().doesNotContainAnyElementsOf(secondWon);
            assertThat(secondWon).doesNotHaveDuplicates();
            List<String> all = new ArrayList<>(firstWon);
            all.addAll(secondWon);
            assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClaimTakesTheOldestDueFirstUpToItsLimitAndLeavesWhatIsNotDueYet() {
        List<String> later = waiting(2, NOW.minusSeconds(10));
        List<String> earlier = waiting(2, NOW.minusSeconds(20));
        waiting(1, NOW.plusSeconds(1));

        Claim<Job> first = claims.claim(NOW, 3, NOW.plus(LEASE), held());
        Claim<Job> second = claims.claim(NOW, 3, NOW.plus(LEASE), held());

        assertThat(first.candidates()).isEqualTo(3);
        assertThat(first.documents()).extracting(Job::id)
                .containsExactly(earlier.get(0), earlier.get(1), later.get(0));
        assertThat(second.documents()).extracting(Job::id).containsExactly(later.get(1));
        assertThat(claims.claim(NOW, 3, NOW.plus(LEASE), held()).candidates()).isZero();
        assertThat(job(later.get(1))).extracting(Job::state, Job::claimId, Job::leaseExpiresAt)
                .containsExactly("HELD", second.claimId(), NOW.plus(LEASE));
    }

    @Test
    void withoutIdsBreakingTiesClaimsStillTakeTheOldestDueFirstAndEachDocumentOnce() {
        LeasedClaims<Job> byDueOnly = new LeasedClaims<>(mongo, Job.class, Job::id,
                new LeasedClaims.Fields("dueAt", false, "claimId", "leaseExpiresAt"), LeasedClaimsIT::claimable,
                where("state").is("HELD"));
        List<String> earlier = waiting(3, NOW.minusSeconds(20));
        List<String> later = waiting(3, NOW.minusSeconds(10));

        List<Job> first = byDueOnly.claim(NOW, 2, NOW.plus(LEASE), held()).documents();
        List<Job> second = byDueOnly.claim(NOW, 2, NOW.plus(LEASE), held()).documents();
        List<Job> third = byDueOnly.claim(NOW, 2, NOW.plus(LEASE), held()).documents();

        assertThat(first).extracting(Job::id).hasSize(2).isSubsetOf(earlier);
        assertThat(second).extracting(Job::dueAt).containsExactly(NOW.minusSeconds(20), NOW.minusSeconds(10));
        assertThat(third).extracting(Job::id).hasSize(2).isSubsetOf(later);
        List<String> all = new ArrayList<>();
        List.of(first, second, third).forEach(claim -> claim.forEach(job -> all.add(job.id())));
        assertThat(all).containsExactlyInAnyOrder(earlier.get(0), earlier.get(1), earlier.get(2),
                later.get(0), later.get(1), later.get(2));
    }

    @Test
    void aLapsedLeaseIsClaimedAgainByAnotherHolderAndCountedAsTakenOver() {
        List<String> ids = waiting(3, NOW);
        Claim<Job> former = claims.claim(NOW, 10, NOW.plus(LEASE), held());

        assertThat(claims.claim(NOW.plus(LEASE).minusMillis(1), 10, NOW.plus(LEASE.multipliedBy(2)), held())
                .documents()).isEmpty();
        Instant lapsed = NOW.plus(LEASE);
        Claim<Job> current = claims.claim(lapsed, 10, lapsed.plus(LEASE), held());

        assertThat(former.documents()).extracting(Job::id).containsExactlyElementsOf(ids);
        assertThat(former.takenOver()).isZero();
        assertThat(current.documents()).extracting(Job::id).containsExactlyElementsOf(ids);
        assertThat(current.takenOver()).isEqualTo(3);
        assertThat(current.claimId()).isNotEqualTo(former.claimId());
        assertThat(ids).allSatisfy(id -> assertThat(job(id).claimId()).isEqualTo(current.claimId()));
    }

    @Test
    void completingReleasingOrReschedulingByAFormerHolderWhoseLeaseWasTakenOverChangesNothing() {
        List<String> ids = waiting(3, NOW);
        Claim<Job> former = claims.claim(NOW, 10, NOW.plus(LEASE), held());
        Instant lapsed = NOW.plus(LEASE);
        Claim<Job> current = claims.claim(lapsed, 10, lapsed.plus(LEASE), held());
        List<Job> asTakenOver = ids.stream().map(this::job).toList();

        assertThat(claims.settle(ids.subList(0, 1), former.claimId(), done())).isZero();
        assertThat(claims.settle(ids.subList(1, 2), former.claimId(), released())).isZero();
        assertThat(claims.settle(ids.subList(2, 3), former.claimId(), rescheduled(lapsed.plusSeconds(600)))).isZero();

        assertThat(ids.stream().map(this::job).toList()).isEqualTo(asTakenOver);
        assertThat(claims.settle(ids, current.claimId(), done())).isEqualTo(3);
        assertThat(ids).allSatisfy(id -> assertThat(job(id).state()).isEqualTo("DONE"));
    }

    @Test
    void aHolderChangesOnlyWhatItStillHoldsAndAReleasedDocumentIsDueAgainAtOnce() {
        List<String> ids = waiting(2, NOW);
        Claim<Job> claim = claims.claim(NOW, 10, NOW.plus(LEASE), held());

        assertThat(claims.settle(ids.subList(0, 1), claim.claimId(), done())).isEqualTo(1);
        assertThat(claims.settle(ids.subList(1, 2), claim.claimId(), released())).isEqualTo(1);
        assertThat(claims.settle(ids, claim.claimId(), released()))
                .as("the done one keeps its claim id but is no longer held; the released one has none")
                .isZero();

        Claim<Job> again = claims.claim(NOW, 10, NOW.plus(LEASE), held());
        assertThat(again.documents()).extracting(Job::id).containsExactly(ids.get(1));
        assertThat(again.takenOver()).as("released, not lapsed").isZero();
        assertThat(job(ids.get(0))).extracting(Job::state, Job::claimId).containsExactly("DONE", claim.claimId());
    }

    @Test
    void nothingDueGivesAnEmptyClaim() {
        waiting(2, NOW.plusSeconds(5));

        Claim<Job> claim = claims.claim(NOW, 10, NOW.plus(LEASE), held());

        assertThat(claim.candidates()).isZero();
        assertThat(claim.documents()).isEmpty();
        assertThat(claims.settle(List.of(), claim.claimId(), done())).isZero();
    }

    @Test
    void aClaimAmongIdsTakesThoseClaimableAndNeverClaimedInTheGivenOrderAndLeavesLapsedLeasesToTheQueryingClaim() {
        List<String> lapsed = waiting(1, NOW.minusSeconds(30));
        Claim<Job> former = claims.claim(NOW.minusSeconds(30), 10, NOW.minusSeconds(1), held());
        List<String> due = waiting(3, NOW.minusSeconds(20));
        List<String> notDue = waiting(1, NOW.plusSeconds(1));
        List<String> done = waiting(1, NOW.minusSeconds(20));
        mongo.updateMulti(query(where("_id").in(done)), done(), Job.class);
        List<String> notNamed = waiting(1, NOW.minusSeconds(20));
        List<String> named = List.of(due.get(2), lapsed.get(0), due.get(0), notDue.get(0), done.get(0), due.get(1),
                "no-such-id");

        Claim<Job> claim = claims.claimAmong(named, NOW, NOW.plus(LEASE), held());

        assertThat(claim.documents()).extracting(Job::id).containsExactly(due.get(2), due.get(0), due.get(1));
        assertThat(claim.candidates()).isEqualTo(3);
        assertThat(claim.takenOver()).isZero();
        assertThat(due).allSatisfy(id -> assertThat(job(id)).extracting(Job::state, Job::claimId, Job::leaseExpiresAt)
                .containsExactly("HELD", claim.claimId(), NOW.plus(LEASE)));
        assertThat(job(lapsed.get(0)).claimId()).as("a lapsed lease is the querying claim's").isEqualTo(former.claimId());
        assertThat(job(notDue.get(0)).state()).as("not due").isEqualTo("WAITING");
        assertThat(job(done.get(0)).state()).as("settled").isEqualTo("DONE");
        assertThat(job(notNamed.get(0)).state()).as("not named").isEqualTo("WAITING");
        assertThat(claims.claimAmong(named, NOW, NOW.plus(LEASE), held()).documents()).as("claimed already").isEmpty();
    }

    @Test
    void aClaimAmongMoreIdsThanOneCommandNamesTakesThemAllInTheGivenOrder() {
        List<String> ids = new ArrayList<>(waitingInBulk(1_234, NOW.minusSeconds(5)));
        Collections.shuffle(ids);

        Claim<Job> claim = claims.claimAmong(ids, NOW, NOW.plus(LEASE), held());

        assertThat(claim.documents()).extracting(Job::id).containsExactlyElementsOf(ids);
        assertThat(claims.claimAmong(ids, NOW, NOW.plus(LEASE), held()).documents()).isEmpty();
    }

    @Test
    void twoHoldersClaimingOverlappingIdsWinEachDocumentOnce() throws Exception {
        List<String> ids = waitingInBulk(1_200, NOW.minusSeconds(5));
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        CyclicBarrier together = new CyclicBarrier(2);
        Function<List<String>, Callable<List<String>>> holder = order -> () -> {
            List<String> won = new ArrayList<>();
            for (int from = 0; from < order.size(); from += 300) {
                together.await();
                claims.claimAmong(order.subList(from, Math.min(order.size(), from + 600)), NOW, NOW.plus(LEASE), held())
                        .documents().forEach(job -> won.add(job.id()));
            }
            return won;
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = threads.submit(holder.apply(ids));
            Future<List<String>> second = threads.submit(holder.apply(reversed));
            List<String> all = new ArrayList<>(first.get());
            all.addAll(second.get());

            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Criteria claimable(Instant now) {
        return new Criteria().orOperator(
                where("state").is("WAITING").and("dueAt").lte(now),
                where("state").is("HELD").and("leaseExpiresAt").lte(now));
    }

    private static Update held() {
        return new Update().set("state", "HELD");
    }

    private static Update done() {
        return new Update().set("state", "DONE");
    }

    private static Update released() {
        return new Update().set("state", "WAITING").unset("claimId").unset("leaseExpiresAt");
    }

    private static Update rescheduled(Instant dueAt) {
        return released().set("dueAt", dueAt);
    }

    /** Inserts {@code count} waiting jobs due at {@code dueAt}, answering their ids in id order. */
    private List<String> waiting(int count, Instant dueAt) {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, count).forEach(index -> {
            String id = dueAt.truncatedTo(ChronoUnit.SECONDS).getEpochSecond() + "-" + UUID.randomUUID();
            mongo.insert(new Job(id, "WAITING", dueAt, null, null));
            ids.add(id);
        });
        return ids.stream().sorted().toList();
    }

    /** {@link #waiting} in one insert. */
    private List<String> waitingInBulk(int count, Instant dueAt) {
        List<Job> jobs = IntStream.range(0, count)
                .mapToObj(index -> new Job(UUID.randomUUID().toString(), "WAITING", dueAt, null, null)).toList();
        mongo.insertAll(jobs);
        return jobs.stream().map(Job::id).sorted().toList();
    }

    private Job job(String id) {
        return mongo.findById(id, Job.class);
    }
}
