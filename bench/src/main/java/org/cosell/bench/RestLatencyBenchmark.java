package org.cosell.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Figure 3: latency of accept, decline and create deal through the gateway while all three run at a
 * steady rate together (open loop, so a stall is not hidden). Referrals to answer are offered on the
 * inbound topic first. No target: the figures show what a user waits under load.
 */
final class RestLatencyBenchmark {

    static final String NAME = "rest";
    /**
     * Requests of each kind sent one at a time before the measurement. A cold service answers its
     * first requests slowly; at full rate they would pile up beyond the gateway's bulkhead (25 calls
     * in flight per route, no waiting), answer 503 and open its circuit breaker.
     */
    private static final int WARM_UP_EACH = 50;

    private final BenchContext context;

    RestLatencyBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        int rate = context.options().rate();
        Duration duration = Duration.ofSeconds(context.options().rateSeconds());
        int warmUpEach = WARM_UP_EACH;
        int measuredEach = (int) (rate * duration.toSeconds());
        Progress progress = context.progress();
        progress.accept("offering " + 2 * (warmUpEach + measuredEach) + " referrals to answer");
        List<UUID> referrals = ReferralSeeder.seed("BENCH-" + context.runId() + "-rest-", 2 * (warmUpEach + measuredEach), progress);
        List<UUID> toAccept = referrals.subList(0, warmUpEach + measuredEach);
        List<UUID> toDecline = referrals.subList(warmUpEach + measuredEach, referrals.size());
        CosellApi api = context.api();

        progress.accept("warming up: " + warmUpEach + " of each call, one at a time");
        warmUp(api, toAccept.subList(0, warmUpEach), toDecline.subList(0, warmUpEach));
        context.table().load("before rest");
        progress.accept(String.format(Locale.ROOT, "accept, decline and create deal at %d/s each for %d s (open loop)",
                rate, duration.toSeconds()));
        CpuShare cpu = CpuShare.start(context.stack());
        List<OpenLoopLoad.Result> results = OpenLoopLoad.run(api.client(), streams(api,
                toAccept.subList(warmUpEach, toAccept.size()), toDecline.subList(warmUpEach, toDecline.size()), "rest"),
                rate, duration);
        List<CpuShare.Usage> usage = cpu.stop();
        context.table().load("after rest");
        for (OpenLoopLoad.Result result : results) {
            String load = String.format(Locale.ROOT, "%d/s each of 3 calls for %d s; %d sent, %d errors",
                    rate, duration.toSeconds(), result.sent(), result.errors());
            ResultsTable table = context.table();
            if (result.errors() > 0) {
                table.add(Figure.failed(NAME, result.name() + ": errors", load + "; first: " + result.firstError()));
            }
            table.add(Figure.info(NAME, result.name() + ": p50", result.latency().p50(), "ms", load));
            table.add(Figure.info(NAME, result.name() + ": p99", result.latency().p99(), "ms", ""));
            table.add(Figure.info(NAME, result.name() + ": p99.9", result.latency().p999(), "ms",
                    String.format(Locale.ROOT, "max %.1f ms", result.latency().max())));
        }
        CpuShare.report(CpuShare.busiest(usage), NAME, "under this load", context.table());
    }

    private static void warmUp(CosellApi api, List<UUID> toAccept, List<UUID> toDecline) throws Exception {
        for (int n = 0; n < toAccept.size(); n++) {
            for (OpenLoopLoad.Stream stream : streams(api, toAccept, toDecline, "warm")) {
                HttpResponse<String> response = api.client().send(stream.request().apply(n), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != stream.expectedStatus()) {
                    throw new IllegalStateException("Warm-up " + stream.name() + " answered " + OpenLoopLoad.describe(response, null));
                }
            }
        }
    }

    private static List<OpenLoopLoad.Stream> streams(CosellApi api, List<UUID> toAccept, List<UUID> toDecline, String label) {
        return List.of(
                new OpenLoopLoad.Stream("accept", n -> api.accept(toAccept.get((int) n)), 200),
                new OpenLoopLoad.Stream("decline", n -> api.decline(toDecline.get((int) n)), 200),
                new OpenLoopLoad.Stream("create deal", n -> api.createDeal("Bench " + label + " deal " + n), 201));
    }
}
