package org.cosell.faults;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cosell.contracts.Topics;

/**
 * Two expiry-scheduler replicas (8084, 8086, polling every 2 s so that each claims sizeable batches)
 * and a burst of referral deadlines falling due; the replica on 8084 is frozen (SIGSTOP) the moment
 * it holds claimed timers it has not marked fired (its lease owner is told apart by {@code HOSTNAME})
 * and, if it still holds them, killed with SIGKILL.
 * Every timer fires once per (kind, target), each referral expires exactly once with one outcome. A
 * notice published again after the kill keeps its event id (consumers drop it): a raw duplicate.
 */
final class SchedulerKillCase implements FaultCase {

    private static final String PARTNER = "7500001";
    private static final String OWNER = "faults-scheduler-";
    private static final Pattern CLAIMS_LOST = Pattern.compile("^cosell_expiry_claims_lost_total(\\{[^}]*})? ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    @Override
    public String name() {
        return "scheduler-sigkill";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "SIGKILL of one of two expiry-scheduler replicas while " + Sizes.TIMERS
                + " deadlines fire: each timer fires once, each referral expires once";
    }

    @Override
    public String responseWindow() {
        return "PT5S";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        ServiceNode first = stack.service(Stack.SCHEDULER);
        ServiceNode second = stack.service(Stack.SECOND_SCHEDULER);
        configure(first, "8084");
        configure(second, "8086");
        try {
            first.restart();
            second.start();
            second.awaitReady();
            Await.sleep(Duration.ofSeconds(3));
            fireAndKill(stack, report, first, second);
        } finally {
            configure(first, null);
            configure(second, null);
            second.stop();
            first.restart();
        }
        return report.result();
    }

    private static void configure(ServiceNode scheduler, String port) {
        scheduler.set("HOSTNAME", port == null ? null : OWNER + port);
        scheduler.set("COSELL_EXPIRY_POLL_INTERVAL", port == null ? null : "2s");
    }

    private void fireAndKill(Stack stack, CaseReport report, ServiceNode first, ServiceNode second) throws Exception {
        Set<String> referralIds = Ingest.referralIds("TIMER", Sizes.TIMERS);
        long failed = Ingest.acknowledged(Ingest.offerAll(stack.upstream(), PARTNER, referralIds));
        report.expect(failed == 0, "%d sends not acknowledged", failed);
        long dueBefore = dues(stack).size();
        long claimedAtKill = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (claimedAtKill == 0 && Instant.now().isBefore(deadline)) {
            Await.until(Duration.between(Instant.now(), deadline), Duration.ofMillis(100),
                    () -> "waiting for 8084 to hold claimed timers", () -> claimedBy(stack, "8084") > 0);
            first.pause();
            claimedAtKill = claimedBy(stack, "8084");
            if (claimedAtKill > 0) {
                dueBefore = dues(stack).size();
                first.kill();
            } else {
                first.resume();
            }
        }
        boolean midBatch = claimedAtKill > 0;
        if (!midBatch) {
            first.kill();
        }
        report.note("2 replicas; 8084 frozen (SIGSTOP) while holding %,d claimed timers not yet marked fired, then SIGKILLed; "
                + "%,d due notices were out", claimedAtKill, dueBefore);
        Map<String, String> targets = new HashMap<>();
        Await.until(Duration.ofMinutes(4), () -> fired(stack) + " of " + referralIds.size() + " timers fired, "
                + expired(stack).size() + " referrals expired", () -> {
            ReferralCounts.received(stack, PARTNER).forEach(received -> targets.put(received.subjectId(), received.referralId()));
            return fired(stack) >= referralIds.size() && expired(stack).stream().map(SeenRecord::subjectId).distinct().count()
                    >= referralIds.size();
        });
        Await.settled(() -> dues(stack).size() + expired(stack).size() + outcomes(stack).size(), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        ReferralCounts.received(stack, PARTNER).forEach(received -> targets.put(received.subjectId(), received.referralId()));

        List<SeenRecord> dues = dues(stack);
        long dueEventIds = dues.stream().map(SeenRecord::eventId).distinct().count();
        long dueTargets = dues.stream().map(due -> due.detail() + "/" + due.subjectId()).distinct().count();
        List<SeenRecord> expired = expired(stack);
        long expiredEventIds = expired.stream().map(SeenRecord::eventId).distinct().count();
        long expiredTargets = expired.stream().map(SeenRecord::subjectId).distinct().count();
        List<SeenRecord> outcomes = outcomes(stack);
        long outcomeEventIds = outcomes.stream().map(SeenRecord::eventId).distinct().count();
        long outcomeTargets = outcomes.stream().map(SeenRecord::subjectId).distinct().count();
        long missing = targets.keySet().stream().filter(target -> dues.stream().noneMatch(due -> target.equals(due.subjectId())))
                .count();
        Map<String, Long> states = stack.db().timerStates(PARTNER);
        String claimsLost = claimsLost(stack.api().get(second.managementUrl() + "/actuator/prometheus", null).body());
        report.expect(midBatch, "8084 was never caught holding a claim, so the kill did not land mid-batch");

        report.note("due notices: %,d records, %,d event ids, %,d (kind, target) pairs for %,d referrals; kinds %s",
                dues.size(), dueEventIds, dueTargets, targets.size(),
                dues.stream().collect(Collectors.groupingBy(due -> String.valueOf(due.detail()), Collectors.counting())));
        report.note("raw duplicates (a notice published again with its event id): %,d; claims taken over by 8086: %s",
                dues.size() - dueEventIds, claimsLost);
        report.note("expired events: %,d (%,d referrals); outcomes: %,d (%,d referrals); timers now: %s", expired.size(),
                expiredTargets, outcomes.size(), outcomeTargets, states);
        report.expect(states.getOrDefault("FIRING", 0L) == 0 && states.getOrDefault("ARMED", 0L) == 0,
                "timers left unfired: %s", states);

        report.sent(referralIds.size()).arrived(dueTargets);
        report.lost(missing + (targets.size() - expiredTargets) + (targets.size() - outcomeTargets));
        report.duplicated((dueEventIds - dueTargets) + (expiredEventIds - expiredTargets) + (outcomeEventIds - outcomeTargets));
    }

    /** Timers of the case's partner claimed (FIRING) by the replica on {@code port}; -1 while the database does not answer. */
    private static long claimedBy(Stack stack, String port) {
        try {
            return stack.db().timers().countDocuments(Filters.and(Filters.eq("partnerId", PARTNER),
                    Filters.eq("state", "FIRING"), Filters.regex("lease.owner", "^" + OWNER + port + "-")));
        } catch (RuntimeException down) {
            return -1;
        }
    }

    private static List<SeenRecord> dues(Stack stack) {
        return stack.events().on(Topics.EXPIRY_DUE, record -> PARTNER.equals(record.partnerId()));
    }

    private static long fired(Stack stack) {
        return dues(stack).stream().map(SeenRecord::subjectId).distinct().count();
    }

    private static List<SeenRecord> expired(Stack stack) {
        return stack.events().on(Topics.REFERRAL_EVENTS, record -> PARTNER.equals(record.partnerId())
                && "cosell.referral.expired.v1".equals(record.type()));
    }

    private static List<SeenRecord> outcomes(Stack stack) {
        return stack.events().on(Topics.DEAL_OUTCOMES, record -> PARTNER.equals(record.partnerId()));
    }

    private static String claimsLost(String metrics) {
        if (metrics == null) {
            return "unknown";
        }
        Matcher matcher = CLAIMS_LOST.matcher(metrics);
        return matcher.find() ? matcher.group(2) : "not reported";
    }
}
