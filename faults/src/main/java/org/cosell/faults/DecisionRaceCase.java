package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.bson.Document;
import org.cosell.contracts.Topics;

/**
 * Accept, decline and the response deadline at the same moment on the same referral, a thousand
 * times: referral-service runs with a 5-second window, expiry-scheduler is stopped so that the due
 * notice is the suite's own, published when both REST calls go out, with the clock past respondBy.
 * Exactly one decision event per referral, at most one outcome, and the REST answers agree with it.
 */
final class DecisionRaceCase implements FaultCase {

    private static final String PARTNER = "7400001";
    private static final int RACES_AT_ONCE = 8;

    /** The two REST answers of one race. */
    private record Answers(int accept, int decline) {
    }

    @Override
    public String name() {
        return "accept-decline-expiry-race";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return Sizes.RACES + " races of accept vs decline vs expiry on one referral: one decision event, at most one outcome";
    }

    @Override
    public String responseWindow() {
        return "PT5S";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        ServiceNode scheduler = stack.service(Stack.SCHEDULER);
        scheduler.stop();
        try {
            race(stack, report);
        } finally {
            scheduler.start();
            scheduler.awaitReady();
        }
        return report.result();
    }

    private void race(Stack stack, CaseReport report) throws Exception {
        Api api = stack.api();
        Upstream upstream = stack.upstream();
        String token = api.token("race-user", PARTNER, "REFERRALS_ADMIN");
        Set<String> referralIds = Ingest.referralIds("RACE", Sizes.RACES);
        Ingest.acknowledged(Ingest.offerAll(upstream, PARTNER, referralIds));
        Map<String, String> opportunities = new HashMap<>();
        Await.until(Duration.ofMinutes(3), () -> opportunities.size() + " of " + referralIds.size() + " received", () -> {
            for (SeenRecord received : ReferralCounts.received(stack, PARTNER)) {
                opportunities.put(received.subjectId(), received.referralId());
            }
            return opportunities.size() >= referralIds.size();
        });
        Await.sleep(Duration.ofSeconds(6));
        report.note("%,d referrals received with a 5 s response window; racing now, %d races at a time", opportunities.size(),
                RACES_AT_ONCE);

        Map<String, Answers> answers = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(RACES_AT_ONCE * 3);
        List<String> ids = new ArrayList<>(opportunities.keySet());
        for (int start = 0; start < ids.size(); start += RACES_AT_ONCE) {
            Map<String, Future<Integer>> accepts = new HashMap<>();
            Map<String, Future<Integer>> declines = new HashMap<>();
            CountDownLatch gate = new CountDownLatch(1);
            for (String id : ids.subList(start, Math.min(ids.size(), start + RACES_AT_ONCE))) {
                accepts.put(id, pool.submit(() -> {
                    gate.await();
                    return api.send("POST", Api.GATEWAY + "/api/referrals/" + id + "/accept", token,
                            api.write(Bodies.accept("Race winner", "race@partner-race.example"))).status();
                }));
                declines.put(id, pool.submit(() -> {
                    gate.await();
                    return api.send("POST", Api.GATEWAY + "/api/referrals/" + id + "/decline", token,
                            api.write(Bodies.decline())).status();
                }));
                pool.submit(() -> {
                    gate.await();
                    upstream.send(Topics.EXPIRY_DUE, id, upstream.responseDue(id, PARTNER, Instant.now().toString()));
                    upstream.flush();
                    return null;
                });
            }
            gate.countDown();
            for (String id : accepts.keySet()) {
                answers.put(id, new Answers(accepts.get(id).get(), declines.get(id).get()));
            }
        }
        pool.shutdown();

        Await.until(Duration.ofMinutes(2), () -> decided(stack, ids) + " of " + ids.size() + " decided",
                () -> decided(stack, ids) >= ids.size());
        Await.settled(() -> stack.events().count(Topics.REFERRAL_EVENTS, record -> record.isDecision()
                && PARTNER.equals(record.partnerId())) + stack.events().count(Topics.DEAL_OUTCOMES,
                record -> PARTNER.equals(record.partnerId())), Duration.ofSeconds(5), Duration.ofSeconds(60));
        judge(stack, report, ids, answers);
    }

    private static long decided(Stack stack, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        return stack.events().on(Topics.REFERRAL_EVENTS, record -> record.isDecision() && wanted.contains(record.subjectId()))
                .stream().map(SeenRecord::subjectId).distinct().count();
    }

    private static void judge(Stack stack, CaseReport report, List<String> ids, Map<String, Answers> answers) {
        Map<String, List<SeenRecord>> decisions = byOpportunity(stack.events().on(Topics.REFERRAL_EVENTS,
                record -> record.isDecision() && PARTNER.equals(record.partnerId())));
        Map<String, List<SeenRecord>> outcomes = byOpportunity(stack.events().on(Topics.DEAL_OUTCOMES,
                record -> PARTNER.equals(record.partnerId())));
        Map<String, Long> winners = new TreeMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        long lost = 0;
        long duplicated = 0;
        long rawDuplicates = 0;
        long refused = 0;
        long disagreements = 0;
        for (String id : ids) {
            List<SeenRecord> decided = decisions.getOrDefault(id, List.of());
            List<String> decisionIds = decided.stream().map(SeenRecord::eventId).distinct().toList();
            rawDuplicates += decided.size() - decisionIds.size();
            List<SeenRecord> outcomeRecords = outcomes.getOrDefault(id, List.of());
            long outcomeIds = outcomeRecords.stream().map(SeenRecord::eventId).distinct().count();
            rawDuplicates += outcomeRecords.size() - outcomeIds;
            Answers answer = answers.get(id);
            statuses.merge("accept " + answer.accept(), 1L, Long::sum);
            statuses.merge("decline " + answer.decline(), 1L, Long::sum);
            refused += (answer.accept() == 409 ? 1 : 0) + (answer.decline() == 409 ? 1 : 0);
            if (decisionIds.isEmpty()) {
                lost++;
                report.finding("%s: no decision event at all (accept %d, decline %d)", id, answer.accept(), answer.decline());
                continue;
            }
            if (decisionIds.size() > 1) {
                duplicated += decisionIds.size() - 1;
                report.finding("%s: %d decision events: %s", id, decisionIds.size(),
                        decided.stream().map(SeenRecord::type).distinct().toList());
            }
            String winner = decided.get(0).type().replace("cosell.referral.", "").replace(".v1", "");
            winners.merge(winner, 1L, Long::sum);
            long expectedOutcomes = winner.equals("accepted") ? 0 : 1;
            if (outcomeIds > expectedOutcomes) {
                duplicated += outcomeIds - expectedOutcomes;
                report.finding("%s: %s with %d outcome events", id, winner, outcomeIds);
            } else if (outcomeIds < expectedOutcomes) {
                lost++;
                report.finding("%s: %s without its outcome event", id, winner);
            }
            boolean agrees = (answer.accept() == 200) == winner.equals("accepted")
                    && (answer.decline() == 200) == winner.equals("declined")
                    && (answer.accept() == 200 || answer.accept() == 409)
                    && (answer.decline() == 200 || answer.decline() == 409);
            Document stored = stack.db().referral(UUID.fromString(id));
            String stage = stored == null ? "missing" : stored.getString("stage");
            if (!agrees || !stage.equalsIgnoreCase(winner)) {
                disagreements++;
                if (disagreements <= 10) {
                    report.finding("%s: decided %s, stored %s, but REST answered accept %d, decline %d", id, winner, stage,
                            answer.accept(), answer.decline());
                }
            }
        }
        report.note("winners: %s; REST answers: %s; outcome events by kind: %s", winners, statuses,
                outcomes.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(record -> String.valueOf(record.detail()),
                        TreeMap::new, Collectors.counting())));
        report.note("raw duplicates (same event id again): %d; REST answers that disagree with the decision: %d",
                rawDuplicates, disagreements);
        report.sent(ids.size()).arrived(ids.size() - lost).refused(refused);
        report.lost(lost);
        report.duplicated(duplicated);
    }

    private static Map<String, List<SeenRecord>> byOpportunity(List<SeenRecord> records) {
        return records.stream().collect(Collectors.groupingBy(SeenRecord::subjectId));
    }
}
