package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cosell.contracts.Topics;

/**
 * Scale-out on one machine: two replicas each of referral-service, deal-service,
 * notification-service and expiry-scheduler, one broker, one database. The referrals arrive in two
 * phases. In the first (30 %) nothing fails: every event must be on the wire once, so the outbox
 * relays of two replicas never publish the same event. In the second, once a quarter of it is
 * announced, one replica of referral-service, deal-service and notification-service is killed
 * with SIGKILL, and started again later. Meanwhile one referral in twenty is accepted or declined
 * over REST, sent to either referral-service replica (the other one, with the same
 * {@code Idempotency-Key}, when the first does not answer). In the end every referral is stored once,
 * projected once, each decided one has one decision event (and a declined one one outcome), and
 * every mail (the partner's "received", the sender's "accepted"/"declined") went out once. An event
 * published again after the kill keeps its id (consumers drop it): counted apart, as raw duplicates
 * after the kill.
 */
final class ScaleOutCase implements FaultCase {

    private static final String PARTNER = "7800001";
    private static final String RECIPIENT = "ops@partner-scale.example";
    private static final Pattern OPPORTUNITY_LINK = Pattern.compile("/opportunities/([0-9a-fA-F-]{36})");
    private static final int DECIDE_EVERY = 20;
    /** Four more JVMs start beside the stack, and three restart while it ingests: on two cores that is slow. */
    private static final Duration READY_UNDER_LOAD = Duration.ofMinutes(6);
    private static final List<String> SECOND_REPLICAS = List.of(Stack.SECOND_REFERRALS, Stack.SECOND_DEALS,
            Stack.SECOND_NOTIFICATIONS, Stack.SECOND_SCHEDULER);
    private static final List<String> KILLED = List.of(Stack.REFERRALS, Stack.DEALS, Stack.NOTIFICATIONS);
    private static final List<String> REFERRAL_SERVICES = List.of("http://127.0.0.1:8082", "http://127.0.0.1:8088");
    private static final List<String> WIRE = List.of(Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS, Topics.DEAL_OUTCOMES);

    /** How a decided referral was decided, and the REST answers it took. */
    private record Decision(boolean accept, int status, int attempts) {
    }

    @Override
    public String name() {
        return "scale-out";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "two replicas of each service; " + Sizes.SCALE_OUT_REFERRALS + " referrals, one replica of referral-, deal- and "
                + "notification-service SIGKILLed and restarted: each stored, projected, decided and mailed once";
    }

    @Override
    public boolean freshStack() {
        return true;
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        try {
            Instant started = Instant.now();
            for (String replica : SECOND_REPLICAS) {
                stack.service(replica).start();
            }
            for (String replica : SECOND_REPLICAS) {
                stack.service(replica).awaitReady(READY_UNDER_LOAD);
            }
            report.note("second replicas of referral-, deal-, notification-service and expiry-scheduler ready in %.0f s",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);
            scaleOut(stack, report);
        } finally {
            for (String replica : SECOND_REPLICAS) {
                stack.service(replica).stop();
            }
        }
        return report.result();
    }

    private void scaleOut(Stack stack, CaseReport report) throws Exception {
        Api api = stack.api();
        String token = api.token("scale-admin", PARTNER, "MPN_PARTNER_ADMIN", "REFERRALS_ADMIN");
        Api.Response[] settings = new Api.Response[1];
        // a service checks the first token against the key set, which a loaded machine may serve late (503)
        Await.until(Duration.ofMinutes(2), Duration.ofSeconds(2), () -> "setting the recipient: " + settings[0].shortly(), () -> {
            settings[0] = api.send("PUT", Api.GATEWAY + "/api/notification-settings", token, api.write(Bodies.settings(RECIPIENT)));
            return settings[0].status() == 200;
        });
        report.expect(settings[0].status() == 200, "setting the recipient answered %s", settings[0].shortly());

        List<String> all = new ArrayList<>(Ingest.referralIds("SCALE", Sizes.SCALE_OUT_REFERRALS));
        Set<String> calm = new LinkedHashSet<>(all.subList(0, all.size() * 3 / 10));
        Set<String> faulty = new LinkedHashSet<>(all.subList(calm.size(), all.size()));
        Set<String> toDecide = new HashSet<>();
        for (int i = 0; i < all.size(); i += DECIDE_EVERY) {
            toDecide.add(all.get(i));
        }
        Map<String, Decision> decisions = new ConcurrentHashMap<>();
        Instant ingestStarted = Instant.now();

        // phase 1: no fault
        PacedOffers calmOffers = PacedOffers.start(stack.upstream(), PARTNER, calm, Sizes.SCALE_OUT_RATE);
        CompletableFuture<Void> calmDecisions = decideAsTheyArrive(stack, token, calm, toDecide, decisions);
        report.expect(calmOffers.finish() == 0, "upstream sends failed in the first phase");
        Ingest.awaitTakenIn(stack, PARTNER, calm, Duration.ofMinutes(10));
        calmDecisions.get();
        awaitDecided(stack, decisions, Duration.ofMinutes(3));
        Await.settled(() -> wireRecords(stack), Duration.ofSeconds(10), Duration.ofSeconds(90));
        Map<String, Long> calmDuplicates = wireDuplicates(stack);
        long calmRecords = wireRecords(stack);
        report.note("phase 1, no fault: %,d referrals, %,d decided; %,d records on %s, the same event twice: %s",
                calm.size(), decisions.size(), calmRecords, WIRE, calmDuplicates);

        // phase 2: one replica of each killed and restarted while referrals arrive
        PacedOffers offers = PacedOffers.start(stack.upstream(), PARTNER, faulty, Sizes.SCALE_OUT_RATE);
        CompletableFuture<Void> faultyDecisions = decideAsTheyArrive(stack, token, faulty, toDecide, decisions);
        long killAt = calm.size() + faulty.size() / 4;
        Await.until(Duration.ofMinutes(5), () -> ReferralCounts.announcedReferrals(stack, PARTNER) + " announced",
                () -> ReferralCounts.announcedReferrals(stack, PARTNER) >= killAt);
        long storedAtKill = stack.db().countReferrals(PARTNER);
        long announcedAtKill = ReferralCounts.announcedReferrals(stack, PARTNER);
        long mailsAtKill = stack.mail().deliveries(delivery -> true).size();
        KILLED.forEach(service -> stack.service(service).kill());
        Instant killed = Instant.now();
        long restartAt = calm.size() + faulty.size() / 2;
        Await.until(Duration.ofSeconds(60), () -> ReferralCounts.announcedReferrals(stack, PARTNER) + " announced",
                () -> ReferralCounts.announcedReferrals(stack, PARTNER) >= restartAt);
        long announcedByTheOthers = ReferralCounts.announcedReferrals(stack, PARTNER) - announcedAtKill;
        for (String service : KILLED) {
            stack.service(service).start();
        }
        for (String service : KILLED) {
            stack.service(service).awaitReady(READY_UNDER_LOAD);
        }
        report.note("SIGKILL of %s at %,d sent, %,d stored, %,d announced, %,d mails; the other replicas announced %,d more "
                        + "in the %.0f s until they were ready again", KILLED, calmOffers.sent() + offers.sent(), storedAtKill,
                announcedAtKill, mailsAtKill, announcedByTheOthers, Duration.between(killed, Instant.now()).toMillis() / 1000.0);
        report.expect(offers.finish() == 0, "upstream sends failed in the second phase");

        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, new HashSet<>(all), Duration.ofMinutes(12));
        faultyDecisions.get();
        awaitDecided(stack, decisions, Duration.ofMinutes(3));
        long expectedMails = all.size() + decisions.size();
        // one SMTP session per mail: on two loaded cores the two senders deliver 10 to 20 a second
        Await.until(Duration.ofMinutes(20), Duration.ofSeconds(3), () -> mailsSent(stack) + " of " + expectedMails + " mails",
                () -> mailsSent(stack) >= expectedMails);
        Await.settled(() -> wireRecords(stack) + mailsSent(stack), Duration.ofSeconds(10), Duration.ofSeconds(90));
        double seconds = Duration.between(ingestStarted, Instant.now()).toMillis() / 1000.0;

        report.note("%s", counts.describe());
        long lost = counts.lost();
        long duplicated = counts.duplicatedEffects();
        Outcomes outcomes = judgeDecisions(stack, report, decisions);
        lost += outcomes.lost();
        duplicated += outcomes.duplicated();
        Outcomes mails = judgeMails(stack, report, counts, decisions);
        lost += mails.lost();
        duplicated += mails.duplicated();

        Map<String, Long> allDuplicates = wireDuplicates(stack);
        Map<String, Long> afterTheKill = new TreeMap<>();
        allDuplicates.forEach((topic, count) -> afterTheKill.put(topic, count - calmDuplicates.getOrDefault(topic, 0L)));
        long calmTotal = calmDuplicates.values().stream().mapToLong(Long::longValue).sum();
        report.note("the same event twice on the wire: %,d in phase 1 without a fault (must be 0); %s after the kill "
                + "(raw duplicates: republished by a relay that took over, dropped by consumers by id)", calmTotal, afterTheKill);
        report.expect(calmTotal == 0, "events published twice without any fault: %s", calmDuplicates);
        report.note("%,d referrals, %,d decided, %,d mails in %.0f s from the first offer (%.0f referrals/s)", all.size(),
                decisions.size(), mailsSent(stack), seconds, all.size() / seconds);
        report.sent(all.size()).arrived(counts.storedDistinct());
        report.lost(lost);
        report.duplicated(duplicated + calmTotal);
    }

    /**
     * Decides each referral of {@code ids} that is in {@code toDecide} once it is announced, alternately
     * accepting and declining, on a thread of its own.
     */
    private static CompletableFuture<Void> decideAsTheyArrive(Stack stack, String token, Set<String> ids, Set<String> toDecide,
                                                              Map<String, Decision> decisions) {
        return CompletableFuture.runAsync(() -> {
            int turn = 0;
            for (String referralId : ids) {
                if (!toDecide.contains(referralId)) {
                    continue;
                }
                String opportunityId = awaitOpportunity(stack, referralId);
                if (opportunityId == null) {
                    return;
                }
                boolean accept = turn % 2 == 0;
                decisions.put(opportunityId, decide(stack.api(), token, opportunityId, accept, turn++));
            }
        });
    }

    /** The opportunity id the referral was announced with, or {@code null} when it was not within ten minutes. */
    private static String awaitOpportunity(Stack stack, String referralId) {
        AtomicReference<String> opportunityId = new AtomicReference<>();
        try {
            Await.until(Duration.ofMinutes(10), Duration.ofMillis(200), () -> referralId + " not announced yet", () -> {
                stack.events().on(Topics.REFERRAL_EVENTS, record -> record.isReceived() && referralId.equals(record.referralId()))
                        .stream().findFirst().ifPresent(received -> opportunityId.set(received.subjectId()));
                return opportunityId.get() != null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return opportunityId.get();
    }

    /**
     * One decision, sent to one referral-service replica and, while no answer comes back (killed,
     * restarting, 503), to the other one, with the same {@code Idempotency-Key}: the first that
     * takes it decides, a repeat is answered from the stored decision.
     */
    private static Decision decide(Api api, String token, String opportunityId, boolean accept, int turn) {
        String body = api.write(accept ? Bodies.accept("Scale-out deal", "seller@partner-scale.example") : Bodies.decline());
        String path = "/api/referrals/" + opportunityId + (accept ? "/accept" : "/decline");
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Api.Response> answer = new AtomicReference<>();
        try {
            Await.until(Duration.ofMinutes(3), () -> "no answer to " + path + " after " + attempts.get() + " attempts", () -> {
                String replica = REFERRAL_SERVICES.get((turn + attempts.getAndIncrement()) % REFERRAL_SERVICES.size());
                answer.set(api.sendTyped("POST", replica + path, token, body, "application/json", "Idempotency-Key",
                        "scale-" + opportunityId));
                return answer.get().status() != 0 && answer.get().status() < 500;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Decision(accept, answer.get().status(), attempts.get());
    }

    private static void awaitDecided(Stack stack, Map<String, Decision> decisions, Duration timeout) throws InterruptedException {
        Await.until(timeout, () -> decided(stack, decisions.keySet()) + " of " + decisions.size() + " decisions announced",
                () -> decided(stack, decisions.keySet()) >= decisions.size());
    }

    private static long decided(Stack stack, Set<String> opportunityIds) {
        return stack.events().on(Topics.REFERRAL_EVENTS, record -> record.isDecision() && opportunityIds.contains(record.subjectId()))
                .stream().map(SeenRecord::subjectId).distinct().count();
    }

    private record Outcomes(long lost, long duplicated) {
    }

    private static Outcomes judgeDecisions(Stack stack, CaseReport report, Map<String, Decision> decisions) {
        Map<String, List<SeenRecord>> decisionEvents = partnerRecords(stack, Topics.REFERRAL_EVENTS, SeenRecord::isDecision);
        Map<String, List<SeenRecord>> outcomeEvents = partnerRecords(stack, Topics.DEAL_OUTCOMES, record -> true);
        Map<String, Long> answers = new TreeMap<>();
        long lost = 0;
        long duplicated = 0;
        long retried = 0;
        for (Map.Entry<String, Decision> entry : decisions.entrySet()) {
            Decision decision = entry.getValue();
            answers.merge((decision.accept() ? "accept " : "decline ") + decision.status(), 1L, Long::sum);
            retried += decision.attempts() > 1 ? 1 : 0;
            List<SeenRecord> decided = decisionEvents.getOrDefault(entry.getKey(), List.of());
            Set<String> decisionIds = decided.stream().map(SeenRecord::eventId).collect(Collectors.toSet());
            String wanted = decision.accept() ? "cosell.referral.accepted.v1" : "cosell.referral.declined.v1";
            long outcomeIds = outcomeEvents.getOrDefault(entry.getKey(), List.of()).stream().map(SeenRecord::eventId).distinct().count();
            long expectedOutcomes = decision.accept() ? 0 : 1;
            if (decisionIds.isEmpty() || decision.status() != 200) {
                lost++;
                report.finding("%s: %s answered %d, %d decision events", entry.getKey(), decision.accept() ? "accept" : "decline",
                        decision.status(), decisionIds.size());
                continue;
            }
            if (decisionIds.size() > 1 || decided.stream().anyMatch(record -> !wanted.equals(record.type()))) {
                duplicated += decisionIds.size() - 1;
                report.finding("%s: decision events %s, wanted one %s", entry.getKey(),
                        decided.stream().map(SeenRecord::type).toList(), wanted);
            }
            if (outcomeIds != expectedOutcomes) {
                lost += Math.max(0, expectedOutcomes - outcomeIds);
                duplicated += Math.max(0, outcomeIds - expectedOutcomes);
                report.finding("%s: %d outcome events, wanted %d", entry.getKey(), outcomeIds, expectedOutcomes);
            }
        }
        report.note("decisions: REST answers %s (%,d needed a second replica or a retry); one decision event and, "
                + "for a decline, one outcome each unless a finding says otherwise", answers, retried);
        return new Outcomes(lost, duplicated);
    }

    private static Map<String, List<SeenRecord>> partnerRecords(Stack stack, String topic, Predicate<SeenRecord> which) {
        return stack.events().on(topic, record -> PARTNER.equals(record.partnerId()) && which.test(record)).stream()
                .collect(Collectors.groupingBy(SeenRecord::subjectId));
    }

    /** Every referral's "received" mail to the partner's recipient, every decision's mail to the sender, each once. */
    private static Outcomes judgeMails(Stack stack, CaseReport report, ReferralCounts counts, Map<String, Decision> decisions) {
        Map<String, Long> perMail = mails(stack);
        Set<String> opportunities = new HashSet<>();
        ReferralCounts.received(stack, PARTNER).forEach(received -> opportunities.add(received.subjectId()));
        long lost = 0;
        long duplicated = 0;
        Map<String, Long> byRecipient = new LinkedHashMap<>();
        for (Map.Entry<String, Long> mail : perMail.entrySet()) {
            String recipient = mail.getKey().substring(0, mail.getKey().indexOf(' '));
            byRecipient.merge(recipient, mail.getValue(), Long::sum);
            duplicated += mail.getValue() - 1;
        }
        for (String opportunityId : opportunities) {
            lost += perMail.containsKey(RECIPIENT + " " + opportunityId) ? 0 : 1;
        }
        Set<String> decisionMails = perMail.keySet().stream().filter(key -> !key.startsWith(RECIPIENT + " "))
                .map(key -> key.substring(key.indexOf(' ') + 1)).collect(Collectors.toSet());
        for (String opportunityId : decisions.keySet()) {
            lost += decisionMails.contains(opportunityId) ? 0 : 1;
        }
        report.note("mails: %,d received mails for %,d opportunities, %,d decision mails for %,d decisions; by recipient %s; "
                + "sent twice: %,d", perMail.keySet().stream().filter(key -> key.startsWith(RECIPIENT + " ")).count(),
                opportunities.size(), decisionMails.size(), decisions.size(), byRecipient, duplicated);
        report.expect(counts.receivedReferralIds() == opportunities.size(), "opportunities announced: %,d", opportunities.size());
        return new Outcomes(lost, duplicated);
    }

    private static long mailsSent(Stack stack) {
        return stack.mail().deliveries(delivery -> true).size();
    }

    /** Deliveries per "recipient opportunity id", the opportunity read from the portal link every mail carries. */
    private static Map<String, Long> mails(Stack stack) {
        Map<String, Long> counts = new HashMap<>();
        for (MailCatcher.Delivery delivery : stack.mail().deliveries(delivery -> true)) {
            Matcher link = OPPORTUNITY_LINK.matcher(delivery.text().plain());
            if (link.find()) {
                counts.merge(delivery.recipient() + " " + link.group(1), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static long wireRecords(Stack stack) {
        return WIRE.stream().mapToLong(topic -> stack.events().count(topic, record -> true)).sum();
    }

    /** Per topic: records whose event id was on the topic before (the same event published again). */
    private static Map<String, Long> wireDuplicates(Stack stack) {
        Map<String, Long> duplicates = new TreeMap<>();
        for (String topic : WIRE) {
            List<SeenRecord> records = stack.events().on(topic, record -> true);
            duplicates.put(topic, records.size() - records.stream().map(SeenRecord::eventId).distinct().count());
        }
        return duplicates;
    }
}
