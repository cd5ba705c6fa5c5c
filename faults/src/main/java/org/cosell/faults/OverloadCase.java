package org.cosell.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.cosell.contracts.Topics;

/**
 * More accepts and declines at once, through the gateway, than the stack can take, each with an
 * {@code Idempotency-Key}. Overload may refuse a write but must never give a wrong answer: a write
 * answered 503 (refused before any work) must not have happened, a write answered 200 must have
 * happened, and a 504 (the gateway gave up after forwarding) is resolved by repeating the request
 * with the same key, which answers the first outcome instead of a conflict. Every referral is then
 * retried until decided, and each must end decided exactly once, as its client asked.
 */
final class OverloadCase implements FaultCase {

    /** Writes per partner: the storm is spread over partners so the gateway's per-partner rate limit is not what refuses it. */
    private static final int WRITES_PER_PARTNER = 50;
    private static final String PARTNER_PREFIX = "79";
    private static final int MAX_ATTEMPTS = 40;
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    /** The first answer a write got, and what its client asked for. */
    private record FirstAnswer(String decision, int status, boolean problem, boolean retryAfter) {
    }

    /** One opportunity to decide, and the partner's token to decide it with. */
    private record Target(String opportunityId, String partnerId, String token) {
    }

    @Override
    public String name() {
        return "overload";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return String.format("%,d accepts and declines, %d at once through the gateway: no write told failed that happened, "
                + "none told done that did not", Sizes.OVERLOAD_WRITES, Sizes.OVERLOAD_IN_FLIGHT);
    }

    @Override
    public boolean rateLimited() {
        return true;
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        List<Target> targets = new ArrayList<>();
        int partners = Math.max(1, Sizes.OVERLOAD_WRITES / WRITES_PER_PARTNER);
        for (int p = 0; p < partners; p++) {
            String partnerId = PARTNER_PREFIX + String.format("%05d", p);
            Set<String> referralIds = Ingest.referralIds("OVERLOAD-" + partnerId, WRITES_PER_PARTNER);
            Ingest.acknowledged(Ingest.offerAll(stack.upstream(), partnerId, referralIds));
        }
        for (int p = 0; p < partners; p++) {
            String partnerId = PARTNER_PREFIX + String.format("%05d", p);
            Ingest.awaitTakenIn(stack, partnerId, Ingest.referralIds("OVERLOAD-" + partnerId, WRITES_PER_PARTNER),
                    Duration.ofMinutes(5));
            String token = api.token("overload-user", partnerId, "REFERRALS_ADMIN");
            ReferralCounts.received(stack, partnerId).stream().map(SeenRecord::subjectId).distinct()
                    .forEach(id -> targets.add(new Target(id, partnerId, token)));
        }
        report.note("%,d referrals of %d partners received; %d writes in flight at once", targets.size(), partners,
                Sizes.OVERLOAD_IN_FLIGHT);

        Map<Target, FirstAnswer> first = storm(api, targets);
        Await.settled(() -> decisionEvents(stack).size(), Duration.ofSeconds(5), Duration.ofSeconds(90));
        judgeFirstAnswers(stack, report, first);

        retryUntilDecided(api, first, report);
        Await.settled(() -> decisionEvents(stack).size(), Duration.ofSeconds(5), Duration.ofSeconds(90));
        judgeEnd(stack, report, first);
        return report.result();
    }

    private Map<Target, FirstAnswer> storm(Api api, List<Target> targets) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(Sizes.OVERLOAD_IN_FLIGHT);
        Map<Target, Future<FirstAnswer>> pending = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String decision = i % 2 == 0 ? "accept" : "decline";
            pending.put(target, clients.submit(() -> answerOf(decision, write(api, target, decision))));
        }
        Map<Target, FirstAnswer> first = new HashMap<>();
        for (Map.Entry<Target, Future<FirstAnswer>> write : pending.entrySet()) {
            first.put(write.getKey(), write.getValue().get());
        }
        clients.shutdown();
        return first;
    }

    private static Api.Response write(Api api, Target target, String decision) {
        String id = target.opportunityId();
        Object body = decision.equals("accept") ? Bodies.accept("Overloaded " + id, "overload@partner.example")
                : Bodies.decline();
        return api.sendTyped("POST", Api.GATEWAY + "/api/referrals/" + id + "/" + decision, target.token(),
                api.write(body), "application/json", "Idempotency-Key", "overload-" + id);
    }

    private static FirstAnswer answerOf(String decision, Api.Response response) {
        return new FirstAnswer(decision, response.status(), response.isProblem(),
                response.headers().keySet().stream().anyMatch("retry-after"::equalsIgnoreCase));
    }

    /** What each answer of the storm said against what the database holds right after it. */
    private void judgeFirstAnswers(Stack stack, CaseReport report, Map<Target, FirstAnswer> first) {
        Map<String, String> stages = stages(stack);
        Map<String, Long> statuses = new TreeMap<>();
        long toldFailedButHappened = 0;
        long toldDoneButNot = 0;
        long unclear = 0;
        for (Map.Entry<Target, FirstAnswer> entry : first.entrySet()) {
            String id = entry.getKey().opportunityId();
            FirstAnswer answer = entry.getValue();
            statuses.merge(String.valueOf(answer.status()), 1L, Long::sum);
            String stage = stages.getOrDefault(id, "missing");
            boolean happened = stage.equals(expectedStage(answer.decision()));
            if (answer.status() == 200 && !happened) {
                toldDoneButNot++;
                report.finding("%s: %s answered 200 but the referral is %s", id, answer.decision(), stage);
            } else if (answer.status() == 503 || answer.status() == 429) {
                if (!stage.equals("RECEIVED")) {
                    toldFailedButHappened++;
                    report.finding("%s: %s answered %d but the referral is %s", id, answer.decision(), answer.status(),
                            stage);
                }
                if (!answer.problem() || !answer.retryAfter()) {
                    report.finding("%s: a %d without problem+json or Retry-After", id, answer.status());
                }
            } else if (answer.status() != 200 && answer.status() != 504) {
                unclear++;
            }
        }
        report.note("first answers by status: %s (504: the gateway gave up after forwarding, outcome unknown)", statuses);
        report.note("told failed (503, 429) but happened: %,d; told done (200) but did not happen: %,d", toldFailedButHappened,
                toldDoneButNot);
        report.expect(unclear == 0, "%,d answers neither 200, 429, 503 nor 504 (a wrong or ambiguous answer)", unclear);
        report.refused(statuses.getOrDefault("503", 0L) + statuses.getOrDefault("429", 0L));
    }

    /** Repeats every write that was not answered 200, with its key, until it is, as a careful client does. */
    private static void retryUntilDecided(Api api, Map<Target, FirstAnswer> first, CaseReport report)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Map<String, Long> repeatStatuses = new ConcurrentHashMap<>();
        List<Future<Integer>> repeats = new ArrayList<>();
        for (Map.Entry<Target, FirstAnswer> entry : first.entrySet()) {
            if (entry.getValue().status() == 200) {
                continue;
            }
            repeats.add(clients.submit(() -> {
                int attempts = 0;
                Api.Response response;
                do {
                    attempts++;
                    response = write(api, entry.getKey(), entry.getValue().decision());
                    repeatStatuses.merge(String.valueOf(response.status()), 1L, Long::sum);
                    if (response.status() != 200) {
                        Await.sleep(pause(response));
                    }
                } while (response.status() != 200 && attempts < MAX_ATTEMPTS);
                if (response.status() != 200) {
                    report.finding("%s: %s still not done after %d repeats: %s", entry.getKey().opportunityId(),
                            entry.getValue().decision(),
                            attempts, response.shortly());
                }
                return attempts;
            }));
        }
        long total = 0;
        for (Future<Integer> repeat : repeats) {
            total += repeat.get();
        }
        clients.shutdown();
        report.note("%,d writes repeated with their Idempotency-Key, %,d requests; their answers: %s", repeats.size(), total,
                new TreeMap<>(repeatStatuses));
    }

    private static Duration pause(Api.Response response) {
        String retryAfter = response.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("retry-after"))
                .flatMap(header -> header.getValue().stream()).findFirst().orElse("1");
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            return asked.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : asked;
        } catch (NumberFormatException notSeconds) {
            return Duration.ofSeconds(1);
        }
    }

    /** Every referral decided once, as its client asked, with the events that say so. */
    private void judgeEnd(Stack stack, CaseReport report, Map<Target, FirstAnswer> first) {
        Map<String, String> stages = stages(stack);
        Map<String, List<SeenRecord>> decisions = decisionEvents(stack).stream()
                .collect(Collectors.groupingBy(SeenRecord::subjectId));
        Map<String, Long> outcomes = stack.events().on(Topics.DEAL_OUTCOMES, record -> isOverloaded(record.partnerId()))
                .stream().collect(Collectors.groupingBy(SeenRecord::subjectId,
                        Collectors.mapping(SeenRecord::eventId, Collectors.collectingAndThen(Collectors.toSet(),
                                set -> (long) set.size()))));
        long lost = 0;
        long duplicated = 0;
        for (Map.Entry<Target, FirstAnswer> entry : first.entrySet()) {
            String id = entry.getKey().opportunityId();
            String wanted = expectedStage(entry.getValue().decision());
            String stage = stages.getOrDefault(id, "missing");
            long decisionIds = decisions.getOrDefault(id, List.of()).stream().map(SeenRecord::eventId).distinct().count();
            long outcomeIds = outcomes.getOrDefault(id, 0L);
            long wantedOutcomes = wanted.equals("DECLINED") ? 1 : 0;
            if (!stage.equals(wanted) || decisionIds == 0 || outcomeIds < wantedOutcomes) {
                lost++;
                report.finding("%s: wanted %s, stored %s, %d decision events, %d outcomes", id, wanted, stage, decisionIds,
                        outcomeIds);
            }
            duplicated += Math.max(0, decisionIds - 1) + Math.max(0, outcomeIds - wantedOutcomes);
        }
        report.sent(first.size()).arrived(first.size() - lost);
        report.lost(lost);
        report.duplicated(duplicated);
    }

    private static String expectedStage(String decision) {
        return decision.equals("accept") ? "ACCEPTED" : "DECLINED";
    }

    private static Map<String, String> stages(Stack stack) {
        Map<String, String> stages = new HashMap<>();
        for (Document referral : stack.db().referrals().find(Filters.regex("partnerId", "^" + PARTNER_PREFIX + "[0-9]{5}$"))
                .projection(new Document("stage", 1))) {
            stages.put(String.valueOf(referral.get("_id")), referral.getString("stage"));
        }
        return stages;
    }

    private static List<SeenRecord> decisionEvents(Stack stack) {
        return stack.events().on(Topics.REFERRAL_EVENTS, record -> record.isDecision() && isOverloaded(record.partnerId()));
    }

    private static boolean isOverloaded(String partnerId) {
        return partnerId != null && partnerId.length() == PARTNER_PREFIX.length() + 5 && partnerId.startsWith(PARTNER_PREFIX);
    }
}
