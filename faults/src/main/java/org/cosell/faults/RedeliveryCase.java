package org.cosell.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.cosell.contracts.Topics;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same referrals delivered three times (twice with the same event id, as an upstream retry
 * sends it, once re-offered with a new one), then referral-service's consumer group rewound to the
 * earliest offsets while it is stopped, so it reads everything again: each referral stored once and
 * announced once.
 */
final class RedeliveryCase implements FaultCase {

    private static final String PARTNER = "7300001";
    private static final String GROUP = "referral-service";

    @Override
    public String name() {
        return "redelivery-and-rewind";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return Sizes.REDELIVERED_REFERRALS + " referrals x 3 deliveries, then the group rewound to earliest: stored once, announced once";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Upstream upstream = stack.upstream();
        Set<String> referralIds = Ingest.referralIds("REDELIVER", Sizes.REDELIVERED_REFERRALS);
        List<ObjectNode> offers = new ArrayList<>();
        referralIds.forEach(id -> offers.add(upstream.offer(id, PARTNER)));
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        offers.forEach(offer -> sends.add(upstream.sendOffer(offer)));
        offers.forEach(offer -> sends.add(upstream.sendOffer(offer)));
        offers.forEach(offer -> sends.add(upstream.sendOffer(offer.deepCopy().put("id", UUID.randomUUID().toString()))));
        upstream.flush();
        long failed = Ingest.acknowledged(sends);
        report.sent(sends.size() - failed);
        report.expect(failed == 0, "%d sends not acknowledged by Kafka", failed);
        report.note("sent %,d records: %,d referrals, each twice with one event id and once with another",
                sends.size(), referralIds.size());

        ReferralCounts first = Ingest.awaitTakenIn(stack, PARTNER, referralIds, Duration.ofMinutes(4));
        report.note("after 3 deliveries: %s", first.describe());

        ServiceNode referrals = stack.service(Stack.REFERRALS);
        referrals.stop();
        long rewound = ConsumerGroups.resetToEarliest(stack.admin(), GROUP, Topics.REFERRALS_INBOUND);
        report.note("referral-service stopped; group %s rewound to earliest on %s: %,d records to read again",
                GROUP, Topics.REFERRALS_INBOUND, rewound);
        referrals.start();
        referrals.awaitReady();
        Await.until(Duration.ofMinutes(4), () -> "lag " + lagOrUnknown(stack),
                () -> lagOrUnknown(stack) == 0);
        ReferralCounts after = Ingest.awaitTakenIn(stack, PARTNER, referralIds, Duration.ofMinutes(1));
        report.note("after the rewind: %s", after.describe());

        report.arrived(after.storedDistinct());
        report.lost(after.lost());
        report.duplicated(after.duplicatedEffects() + after.rawDuplicates());
        report.expect(after.opportunities() == referralIds.size(), "deal-service holds %,d opportunities for %,d referrals",
                after.opportunities(), referralIds.size());
        return report.result();
    }

    private static long lagOrUnknown(Stack stack) {
        try {
            return ConsumerGroups.lag(stack.admin(), GROUP, Topics.REFERRALS_INBOUND);
        } catch (Exception e) {
            return -1;
        }
    }
}
