package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * The database process stopped (SIGTERM) and started again on its files while referrals are being
 * ingested and REST writes (create deal, accept, decline, favorite; through the gateway and straight
 * at the services) keep coming. Meanwhile REST must answer 503 problem+json, never 500; afterwards
 * every referral is stored once and every acknowledged (2xx) write is there.
 */
final class DatabaseRestartCase implements FaultCase {

    private static final String INGEST_PARTNER = "7800001";
    private static final String REST_PARTNER = "7800002";
    private static final int WRITERS = 4;
    private static final int RATE = 40;

    /** One REST write and its answer; {@code target} is the opportunity it made or changed. */
    private record Write(String kind, Probe.Route route, String target, int status, boolean problem, String answer,
                         Instant started, Instant ended) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    @Override
    public String name() {
        return "database-restart";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "database down " + Sizes.DATABASE_DOWN_SECONDS + " s during ingest of " + Sizes.DATABASE_RESTART_REFERRALS
                + " referrals and REST writes: 503 meanwhile, nothing acknowledged lost";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String token = api.token("db-writer", REST_PARTNER, "MPN_PARTNER_ADMIN");
        ConcurrentLinkedQueue<String> openReferrals = new ConcurrentLinkedQueue<>(
                SecurityWorld.offerReferrals(stack, token, REST_PARTNER, "DBREST", 40, "Outage Customer"));
        ConcurrentLinkedQueue<String> createdDeals = new ConcurrentLinkedQueue<>();
        List<Write> writes = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    writes.add(write(api, token, sequence.getAndIncrement(), openReferrals, createdDeals));
                }
            }, "rest-writer-" + i);
            writer.start();
            writers.add(writer);
        }

        Set<String> referralIds = Ingest.referralIds("DBDOWN", Sizes.DATABASE_RESTART_REFERRALS);
        PacedOffers offers = PacedOffers.start(stack.upstream(), INGEST_PARTNER, referralIds, RATE);
        Await.until(Duration.ofMinutes(2), () -> offers.sent() + " sent", () -> offers.sent() >= referralIds.size() / 4);
        long storedAtStop = stack.db().countReferrals(INGEST_PARTNER);
        Instant down = Instant.now();
        stack.stopDatabase();
        report.note("database stopped at %,d of %,d referrals sent (%d/s), %,d stored; %,d REST writes so far",
                offers.sent(), referralIds.size(), RATE, storedAtStop, writes.size());
        Await.sleep(Duration.ofSeconds(Sizes.DATABASE_DOWN_SECONDS));
        stack.startDatabase();
        Instant up = Instant.now();
        report.note("database started again after %d s", Duration.between(down, up).toSeconds());
        Await.sleep(Duration.ofSeconds(15));
        writing.set(false);
        for (Thread writer : writers) {
            writer.join(90_000);
        }
        offers.finish();

        ReferralCounts counts = Ingest.awaitTakenIn(stack, INGEST_PARTNER, referralIds, Duration.ofMinutes(5));
        report.note("ingest: %s; raw duplicates (same event id again): %,d", counts.describe(), counts.rawDuplicates());
        Await.sleep(Duration.ofSeconds(3));
        long lostWrites = verify(report, stack, token, writes);
        long acknowledged = writes.stream().filter(Write::acknowledged).count();
        long unavailable = tally(report, writes, down, up);

        report.sent(referralIds.size() + acknowledged);
        report.arrived(counts.storedDistinct() + acknowledged - lostWrites);
        report.refused(unavailable);
        report.lost(counts.lost() + lostWrites);
        report.duplicated(counts.duplicatedEffects());
        return report.result();
    }

    private static Write write(Api api, String token, int sequence, ConcurrentLinkedQueue<String> openReferrals,
                               ConcurrentLinkedQueue<String> createdDeals) {
        Probe.Route route = sequence % 2 == 0 ? Probe.Route.GATEWAY : Probe.Route.DIRECT;
        Instant started = Instant.now();
        int kind = sequence % 4;
        String target = null;
        Api.Response response;
        if (kind == 1 && (target = openReferrals.poll()) != null) {
            response = api.send("POST", base(route, 8082) + "/api/referrals/" + target + "/accept", token,
                    api.write(Bodies.accept("Accepted during an outage", "db@partner-db.example")));
        } else if (kind == 2 && (target = openReferrals.poll()) != null) {
            response = api.send("POST", base(route, 8082) + "/api/referrals/" + target + "/decline", token,
                    api.write(Bodies.decline()));
        } else if (kind == 3 && (target = createdDeals.peek()) != null) {
            response = api.send("PUT", base(route, 8081) + "/api/opportunities/" + target + "/favorite", token, null);
        } else {
            response = api.sendTyped("POST", base(route, 8081) + "/api/deals", token,
                    api.write(Bodies.createDeal("Deal during an outage", "Outage Customer", "db@partner-db.example")),
                    "application/json", "Idempotency-Key", UUID.randomUUID().toString());
            kind = 0;
            if (response.status() == 201) {
                target = api.json(response).path("id").asString();
                createdDeals.add(target);
            }
        }
        String kindName = List.of("create", "accept", "decline", "favorite").get(kind);
        return new Write(kindName, route, target, response.status(), response.isProblem(), response.shortly(), started,
                Instant.now());
    }

    private static String base(Probe.Route route, int port) {
        return route == Probe.Route.GATEWAY ? Api.GATEWAY : "http://localhost:" + port;
    }

    /** Checks that every acknowledged write is stored; answers how many are not. */
    private static long verify(CaseReport report, Stack stack, String token, List<Write> writes) {
        long lost = 0;
        Api api = stack.api();
        for (Write write : writes) {
            if (!write.acknowledged()) {
                continue;
            }
            boolean there;
            switch (write.kind()) {
                case "create": {
                    Api.Response deal = api.get(Api.GATEWAY + "/api/opportunities/" + write.target(), token);
                    there = deal.status() == 200 && "ACCEPTED".equals(api.json(deal).path("stage").asString());
                    break;
                }
                case "accept":
                case "decline": {
                    Document referral = stack.db().referral(UUID.fromString(write.target()));
                    String expected = write.kind().equals("accept") ? "ACCEPTED" : "DECLINED";
                    there = referral != null && expected.equals(referral.getString("stage"));
                    break;
                }
                default: {
                    Api.Response deal = api.get(Api.GATEWAY + "/api/opportunities/" + write.target(), token);
                    there = api.json(deal).path("favorite").asBoolean();
                }
            }
            if (!there) {
                lost++;
                report.finding("acknowledged %s of %s (%s, answered %d) is not stored", write.kind(), write.target(),
                        write.route(), write.status());
            }
        }
        return lost;
    }

    /** Prints the answers before, during and after the outage; answers how many said 503. */
    private static long tally(CaseReport report, List<Write> writes, Instant down, Instant up) {
        Map<String, Long> phases = new TreeMap<>();
        long unavailable = 0;
        int serverErrors = 0;
        for (Write write : writes) {
            String phase = write.ended().isBefore(down) ? "1 before" : write.started().isAfter(up) ? "3 after" : "2 outage";
            phases.merge(phase + " " + write.route().name().toLowerCase() + " " + write.status()
                    + (write.status() >= 400 && !write.problem() ? " (not problem+json)" : ""), 1L, Long::sum);
            if (write.status() == 503 && write.problem()) {
                unavailable++;
            } else if (write.status() >= 500 || write.status() == 0 || (write.status() == 503 && !write.problem())) {
                serverErrors++;
                if (serverErrors <= 4) {
                    report.finding("%s %s during the outage answered %s", write.kind(), write.route(), write.answer());
                }
            }
        }
        report.note("%d REST writes by phase, route and status: %s", writes.size(), phases);
        report.expect(serverErrors == 0, "%d REST writes answered a 5xx other than 503 problem+json (or nothing)", serverErrors);
        return unavailable;
    }
}
