package org.cosell.faults;

import java.time.Duration;
import java.util.Set;

/**
 * referral-service killed with SIGKILL while it is ingesting (upstream offering 300 a second,
 * killed once 30 % are announced), then started again: every referral
 * stored once and announced. The outbox may send an event again after the crash (the same event id,
 * which consumers drop); two different events for one referral would be a duplicate.
 */
final class ReferralServiceKillCase implements FaultCase {

    private static final String PARTNER = "7250001";
    private static final int RATE = 300;

    @Override
    public String name() {
        return "referral-service-sigkill";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "SIGKILL of referral-service while ingesting " + Sizes.KILLED_INGEST + " referrals, then a restart: all stored, each announced";
    }

    @Override
    public boolean freshStack() {
        return true;
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Set<String> referralIds = Ingest.referralIds("KILL", Sizes.KILLED_INGEST);
        PacedOffers offers = PacedOffers.start(stack.upstream(), PARTNER, referralIds, RATE);
        report.sent(referralIds.size());

        long killAt = referralIds.size() * 3L / 10;
        Await.until(Duration.ofMinutes(3), () -> ReferralCounts.announcedReferrals(stack, PARTNER) + " announced",
                () -> ReferralCounts.announcedReferrals(stack, PARTNER) >= killAt);
        ServiceNode referrals = stack.service(Stack.REFERRALS);
        long storedAtKill = stack.db().countReferrals(PARTNER);
        long announcedAtKill = ReferralCounts.announcedReferrals(stack, PARTNER);
        referrals.kill();
        report.note("SIGKILL at %,d sent (%d/s), %,d stored, %,d announced; restarting", offers.sent(), RATE, storedAtKill,
                announcedAtKill);
        referrals.start();
        referrals.awaitReady();
        long resent = offers.finish();
        report.expect(resent == 0, "%d upstream sends failed and were sent again", resent);

        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, referralIds, Duration.ofMinutes(8));
        report.note("%s", counts.describe());
        report.note("raw duplicates (the same event id again, dropped by consumers): %,d", counts.rawDuplicates());
        report.expect(counts.opportunities() == referralIds.size(), "deal-service holds %,d opportunities for %,d referrals",
                counts.opportunities(), referralIds.size());
        report.arrived(counts.storedDistinct());
        report.lost(counts.lost());
        report.duplicated(counts.duplicatedEffects());
        return report.result();
    }
}
