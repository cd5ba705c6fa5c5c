package org.cosell.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Figure 3: latency of accept, decline and create deal while all three run at a steady rate together
 * (open loop, so a stall is not hidden) — first straight to referral-service and deal-service, then
 * through the gateway, as a user sees it. Referrals to answer are offered on the inbound topic first.
 * No target: the figures show what a user waits under load. A rate above what the stack can take is
 * shed: each service answers what it cannot admit at once with 503 and {@code Retry-After}, counted apart
 * from errors; the latencies are of the calls that succeeded.
 */
final class RestLatencyBenchmark {

    static final String NAME = "rest";
    /**
     * Requests of each kind sent one at a time before the measurement. A cold service answers its
     * first requests slowly; at full rate they would pile up, and enough slow calls in a row open
     * the gateway's circuit breaker.
     */
    private static final int WARM_UP_EACH = 50;
    /** How long the services may take to consume what the benchmark offered before it measures anything. */
    private static final Duration SETTLE = Duration.ofMinutes(2);

    /** Where the calls go: the services themselves, or the gateway for both. */
    private record Route(String name, URI referrals, URI deals) {
    }

    private final BenchContext context;

    RestLatencyBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        measure(new Route("direct", CosellApi.REFERRAL_SERVICE, CosellApi.DEAL_SERVICE));
        measure(new Route("gateway", CosellApi.GATEWAY, CosellApi.GATEWAY));
    }

    private void measure(Route route) throws Exception {
        int rate = context.options().rate();
        Duration duration = Duration.ofSeconds(context.options().rateSeconds());
        int measuredEach = (int) (rate * duration.toSeconds());
        Progress progress = context.progress();
        progress.accept(route.name() + ": offering " + 2 * (WARM_UP_EACH + measuredEach) + " referrals to answer");
        List<UUID> referrals = ReferralSeeder.seed("BENCH-" + context.runId() + "-" + route.name() + "-",
                2 * (WARM_UP_EACH + measuredEach), progress);
        // referral-service announced them; deal-service and notification-service project and mail them after
        ConsumerLag.awaitCaughtUp(SETTLE, progress);
        List<UUID> toAccept = referrals.subList(0, WARM_UP_EACH + measuredEach);
        List<UUID> toDecline = referrals.subList(WARM_UP_EACH + measuredEach, referrals.size());
        CosellApi api = context.api();

        progress.accept(route.name() + ": warming up, " + WARM_UP_EACH + " of each call one at a time");
        warmUp(api, route, toAccept.subList(0, WARM_UP_EACH), toDecline.subList(0, WARM_UP_EACH));
        context.table().load("before rest " + route.name());
        progress.accept(String.format(Locale.ROOT, "%s: accept, decline and create deal at %d/s each for %d s (open loop)",
                route.name(), rate, duration.toSeconds()));
        CpuShare cpu = CpuShare.start(context.stack());
        List<OpenLoopLoad.Result> results = OpenLoopLoad.run(api.client(), streams(api, route,
                toAccept.subList(WARM_UP_EACH, toAccept.size()), toDecline.subList(WARM_UP_EACH, toDecline.size()), "rest"),
                rate, duration);
        List<CpuShare.Usage> usage = cpu.stop();
        context.table().load("after rest " + route.name());
        ResultsTable table = context.table();
        for (OpenLoopLoad.Result result : results) {
            String name = route.name() + " " + result.name();
            String load = String.format(Locale.ROOT, "%d/s each of 3 calls for %d s; %d sent, %d answered, %d shed, %d errors",
                    rate, duration.toSeconds(), result.sent(), result.ok(), result.shed(), result.errors());
            if (result.errors() > 0) {
                table.add(Figure.failed(NAME, name + ": errors", load + "; first: " + result.firstError()));
            }
            table.add(Figure.info(NAME, name + ": shed", 100.0 * result.shed() / result.sent(), "%",
                    "refused 503 with Retry-After before any work: more than a service admits at once, "
                            + "or an open circuit breaker"));
            table.add(Figure.info(NAME, name + ": p50", result.latency().p50(), "ms", load));
            table.add(Figure.info(NAME, name + ": p99", result.latency().p99(), "ms", ""));
            table.add(Figure.info(NAME, name + ": p99.9", result.latency().p999(), "ms",
                    String.format(Locale.ROOT, "max %.1f ms", result.latency().max())));
        }
        CpuShare.report(CpuShare.busiest(usage), NAME, route.name() + " under this load", table);
    }

    private static void warmUp(CosellApi api, Route route, List<UUID> toAccept, List<UUID> toDecline) throws Exception {
        for (int n = 0; n < toAccept.size(); n++) {
            for (OpenLoopLoad.Stream stream : streams(api, route, toAccept, toDecline, "warm")) {
                HttpResponse<String> response = api.client().send(stream.request().apply(n), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != stream.expectedStatus()) {
                    throw new IllegalStateException("Warm-up " + stream.name() + " answered " + OpenLoopLoad.describe(response, null));
                }
            }
        }
    }

    private static List<OpenLoopLoad.Stream> streams(CosellApi api, Route route, List<UUID> toAccept, List<UUID> toDecline,
                                                     String label) {
        return List.of(
                new OpenLoopLoad.Stream("accept", n -> api.accept(route.referrals(), toAccept.get((int) n)), 200),
                new OpenLoopLoad.Stream("decline", n -> api.decline(route.referrals(), toDecline.get((int) n)), 200),
                new OpenLoopLoad.Stream("create deal", n -> api.createDeal(route.deals(), "Bench " + label + " deal " + n), 201));
    }
}
