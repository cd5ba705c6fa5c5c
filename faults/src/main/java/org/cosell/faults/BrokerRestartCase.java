package org.cosell.faults;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The Kafka broker stopped (SIGTERM, a controlled shutdown) a third of the way through an upstream
 * offering referrals at 100 a second, kept down, and started again on the same data: every referral stored once and announced; every
 * service is ready again afterwards.
 */
final class BrokerRestartCase implements FaultCase {

    private static final String PARTNER = "7700001";
    private static final Duration DOWN = Duration.ofSeconds(15);
    private static final int RATE = 100;

    @Override
    public String name() {
        return "broker-restart";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "Kafka broker stopped for " + DOWN.toSeconds() + " s and restarted during the ingest of "
                + Sizes.BROKER_RESTART_REFERRALS + " referrals: none lost, none twice";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Set<String> referralIds = Ingest.referralIds("BROKER", Sizes.BROKER_RESTART_REFERRALS);
        PacedOffers offers = PacedOffers.start(stack.upstream(), PARTNER, referralIds, RATE);
        Await.until(Duration.ofMinutes(2), () -> offers.sent() + " sent", () -> offers.sent() >= referralIds.size() / 3);
        stack.stopBroker();
        report.note("broker stopped at %,d sent (%d/s), %,d stored, %,d announced", offers.sent(), RATE,
                stack.db().countReferrals(PARTNER), ReferralCounts.announcedReferrals(stack, PARTNER));
        Await.sleep(DOWN);
        stack.startBroker();
        report.note("broker started again after %d s; %,d sent, %,d stored so far", DOWN.toSeconds(), offers.sent(),
                stack.db().countReferrals(PARTNER));
        long resent = offers.finish();
        report.note("upstream sends that failed and were sent again (same event id): %,d", resent);
        report.sent(referralIds.size());

        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, referralIds, Duration.ofMinutes(5));
        report.note("%s; raw duplicates (same event id again): %,d", counts.describe(), counts.rawDuplicates());
        for (String service : List.of(Stack.GATEWAY, Stack.DEALS, Stack.REFERRALS, Stack.NOTIFICATIONS, Stack.SCHEDULER)) {
            ServiceNode node = stack.service(service);
            try {
                node.awaitReady();
            } catch (IllegalStateException notReady) {
                report.finding("%s not ready after the broker came back: %s", service, notReady.getMessage());
            }
        }
        report.arrived(counts.storedDistinct());
        report.lost(counts.lost());
        report.duplicated(counts.duplicatedEffects());
        return report.result();
    }
}
