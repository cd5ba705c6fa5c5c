package org.cosell.bench;

import org.cosell.bench.BenchReferrals.BenchReferral;
import org.cosell.contracts.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Offers referrals upstream-style and waits for their {@code received} events, answering their opportunity ids. */
final class ReferralSeeder {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ReferralSeeder() {
    }

    static List<UUID> seed(String prefix, int count, Progress progress) throws Exception {
        return seed(prefix, BenchContext.PARTNER_ID, count, progress);
    }

    static List<UUID> seed(String prefix, String partnerId, int count, Progress progress) throws Exception {
        List<BenchReferral> referrals = BenchReferrals.make(prefix, partnerId, count);
        Map<String, UUID> opportunities = new ConcurrentHashMap<>();
        String marker = "\"referralId\":\"" + prefix;
        try (TopicWatcher events = new TopicWatcher(Topics.REFERRAL_EVENTS, (record, arrived) -> {
            String referralId = IngestBenchmark.receivedReferralId(record, marker);
            if (referralId != null) {
                opportunities.putIfAbsent(referralId, UUID.fromString(record.key()));
            }
        })) {
            RawKafkaBenchmark.produce(referrals, Topics.REFERRALS_INBOUND);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (opportunities.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + opportunities.size() + " of " + count
                            + " seeded referrals were announced within " + TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
        progress.accept("seeded " + count + " referrals (RECEIVED)");
        List<UUID> ids = new ArrayList<>();
        referrals.forEach(referral -> ids.add(opportunities.get(referral.referralId())));
        return ids;
    }
}
