package org.cosell.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Figure 2: {@code GET /api/opportunities/{id}} at a fixed concurrency through the gateway and
 * straight to deal-service, one after the other, after both were warmed up. Targets: the gateway
 * answers at least 60 % of the direct throughput and adds at most 1 ms at the median.
 */
final class GatewayBenchmark {

    static final String NAME = "gateway";
    private static final int DEALS = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private final BenchContext context;

    GatewayBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        CosellApi api = context.api();
        Progress progress = context.progress();
        int concurrency = context.options().concurrency();
        Duration duration = Duration.ofSeconds(context.options().seconds());
        List<UUID> deals = new ArrayList<>();
        for (int i = 0; i < DEALS; i++) {
            deals.add(api.createDealNow("Bench gateway deal " + i));
        }
        progress.accept("created " + DEALS + " deals; warming up both paths for " + WARM_UP.toSeconds() + " s each");
        load(CosellApi.DEAL_SERVICE, deals, concurrency, WARM_UP);
        load(CosellApi.GATEWAY, deals, concurrency, WARM_UP);

        context.table().load("before gateway");
        progress.accept(String.format(Locale.ROOT, "direct to deal-service: %d clients for %d s", concurrency, duration.toSeconds()));
        CpuShare directCpu = CpuShare.start(context.stack());
        ClosedLoopLoad.Result direct = load(CosellApi.DEAL_SERVICE, deals, concurrency, duration);
        List<CpuShare.Usage> directUsage = directCpu.stop();
        progress.accept(String.format(Locale.ROOT, "through the gateway: %d clients for %d s", concurrency, duration.toSeconds()));
        CpuShare gatewayCpu = CpuShare.start(context.stack());
        ClosedLoopLoad.Result gateway = load(CosellApi.GATEWAY, deals, concurrency, duration);
        List<CpuShare.Usage> gatewayUsage = gatewayCpu.stop();
        context.table().load("after gateway");

        String at = String.format(Locale.ROOT, "GET /api/opportunities/{id}, %d clients, %,d opportunities stored",
                concurrency, context.documents("cosell-deals", "opportunities"));
        ResultsTable table = context.table();
        table.add(Figure.info(NAME, "direct: requests/s", direct.perSecond(), "/s", at + errors(direct)));
        table.add(Figure.atLeast(NAME, "gateway: requests/s", gateway.perSecond(), "/s",
                String.format(Locale.ROOT, "direct %,.0f /s", direct.perSecond()), 0.6 * direct.perSecond(),
                ">= 60 % of direct", at + errors(gateway)));
        table.add(Figure.atLeast(NAME, "gateway as % of direct", Rates.percent(gateway.perSecond(), direct.perSecond()),
                "%", "", 60, ">= 60 %", ""));
        table.add(Figure.info(NAME, "direct: p50", direct.latency().p50(), "ms", ""));
        table.add(Figure.info(NAME, "gateway: p50", gateway.latency().p50(), "ms", ""));
        table.add(Figure.info(NAME, "direct: p99", direct.latency().p99(), "ms", ""));
        table.add(Figure.info(NAME, "gateway: p99", gateway.latency().p99(), "ms", ""));
        table.add(Figure.atMost(NAME, "gateway: added at p50", gateway.latency().p50() - direct.latency().p50(), "ms",
                String.format(Locale.ROOT, "p50 %.2f vs %.2f ms", gateway.latency().p50(), direct.latency().p50()), 1.0,
                "<= 1 ms", ""));
        table.add(Figure.info(NAME, "gateway: added at p99", gateway.latency().p99() - direct.latency().p99(), "ms", ""));
        CpuShare.report(CpuShare.busiest(directUsage), NAME, "direct", table);
        CpuShare.report(CpuShare.busiest(gatewayUsage), NAME, "through the gateway", table);
    }

    private ClosedLoopLoad.Result load(URI base, List<UUID> deals, int concurrency, Duration duration)
            throws InterruptedException {
        CosellApi api = context.api();
        return ClosedLoopLoad.run(api.client(), concurrency, duration,
                n -> api.getOpportunity(base, deals.get((int) (n % deals.size()))));
    }

    private static String errors(ClosedLoopLoad.Result result) {
        return result.errors() == 0 ? "" : "; " + result.errors() + " errors";
    }
}
