package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Offering batches of referrals and waiting until they have all been taken in. */
final class Ingest {

    private static final Duration DATABASE_POLL = Duration.ofSeconds(3);

    private Ingest() {
    }

    static Set<String> referralIds(String prefix, int count) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s-%05d", prefix, i));
        }
        return ids;
    }

    /** Waits for Kafka's acknowledgement of every send; answers how many failed. */
    static long acknowledged(List<CompletableFuture<RecordMetadata>> sends) throws InterruptedException {
        long failed = 0;
        for (CompletableFuture<RecordMetadata> send : sends) {
            try {
                send.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                failed++;
            }
        }
        return failed;
    }

    static List<CompletableFuture<RecordMetadata>> offerAll(Upstream upstream, String partnerId, Set<String> referralIds) {
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        for (String referralId : referralIds) {
            sends.add(upstream.sendOffer(upstream.offer(referralId, partnerId)));
        }
        upstream.flush();
        return sends;
    }

    /**
     * Waits until every referral is announced (read off Kafka), then stored by referral-service and
     * projected by deal-service (counted in the database every few seconds only: on the embedded
     * server every count is a scan that holds the collection), then until the announcements stop
     * moving (late duplicates), and answers the counts.
     */
    static ReferralCounts awaitTakenIn(Stack stack, String partnerId, Set<String> referralIds, Duration timeout)
            throws InterruptedException {
        long expected = referralIds.size();
        Instant deadline = Instant.now().plus(timeout);
        Await.until(timeout, () -> String.format("%,d of %,d announced", ReferralCounts.announcedReferrals(stack, partnerId),
                        expected), () -> ReferralCounts.announcedReferrals(stack, partnerId) >= expected);
        Duration left = Duration.between(Instant.now(), deadline);
        Await.until(left.isNegative() ? Duration.ZERO : left, DATABASE_POLL,
                () -> String.format("%,d of %,d stored, %,d in deal-service", stack.db().countReferrals(partnerId), expected,
                        stack.db().countOpportunities(partnerId)),
                () -> stack.db().countReferrals(partnerId) >= expected && stack.db().countOpportunities(partnerId) >= expected);
        Await.settled(() -> ReferralCounts.received(stack, partnerId).size(), Duration.ofSeconds(5), Duration.ofSeconds(60));
        return ReferralCounts.of(stack, partnerId, referralIds);
    }
}
