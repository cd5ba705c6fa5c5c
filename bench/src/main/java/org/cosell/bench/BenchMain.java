package org.cosell.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.cosell.stack.EmbeddedMongo;

/**
 * {@code java -jar bench/target/cosell-bench.jar}: starts the local stack (or attaches to one), runs
 * the benchmarks of issue #7 one after the other — waiting between them until the services have
 * consumed everything, so one benchmark's backlog does not load the next — prints each figure as it
 * is measured and all of them as a table, writes them as JSON, and stops the stack it started.
 * <p>
 * The latency benchmarks run first, on an almost empty database, and ingest last: after 100,000
 * referrals every query of the embedded MongoDB server that is not by id alone scans 100,000
 * documents, which then dominates every latency (the ingest benchmark shows what that costs).
 */
public final class BenchMain {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUIET_BETWEEN = Duration.ofMinutes(5);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        System.exit(run(options));
    }

    static int run(BenchOptions options) throws Exception {
        Instant startedAt = Instant.now();
        Progress progress = new Progress(System.out);
        ResultsTable table = new ResultsTable(System.out);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Path output = Path.of(options.output());
        progress.section("Cosell benchmarks, run " + runId);
        table.load("start");
        if (options.runs(FootprintBenchmark.NAME) && !options.attach()) {
            progress.section("footprint: the default local mode, started twice as a developer does");
            try {
                LocalStartBenchmark.run(Path.of(options.launcherJar()), output.toAbsolutePath().getParent(), table, progress);
            } catch (Exception e) {
                progress.accept("default-mode start failed: " + e);
                table.add(Figure.failed(FootprintBenchmark.NAME, "default mode", e.toString()));
            }
            table.load("default mode measured");
        }
        StackProcess stack = options.attach()
                ? StackProcess.attach()
                : StackProcess.launch(Path.of(options.launcherJar()), output.resolveSibling("launcher.log"), READY_TIMEOUT, progress);
        Thread stopStack = new Thread(stack::close, "stop-stack");
        Runtime.getRuntime().addShutdownHook(stopStack);
        try (MongoClient mongo = MongoClients.create(EmbeddedMongo.URI)) {
            // footprint and timers call no API: they also run attached to a stack started with --infra-only
            boolean callsApi = BenchOptions.BENCHMARKS.stream().filter(options::runs)
                    .anyMatch(name -> !name.equals(FootprintBenchmark.NAME) && !name.equals(TimersBenchmark.NAME));
            BenchContext context = new BenchContext(runId, options, table, progress, mongo,
                    callsApi ? CosellApi.forPartner(BenchContext.PARTNER_ID) : null, stack);
            table.load("stack ready");
            if (options.runs(FootprintBenchmark.NAME)) {
                progress.section("footprint: startup and memory at rest");
                FootprintBenchmark.startup(stack, table);
                FootprintBenchmark.memory(stack, table, "at rest");
            }
            if (options.runs(GatewayBenchmark.NAME)) {
                section(context, "gateway: GET /api/opportunities/{id} through the gateway vs direct",
                        GatewayBenchmark.NAME, () -> new GatewayBenchmark(context).run());
            }
            if (options.runs(RestLatencyBenchmark.NAME)) {
                section(context, "rest: accept, decline, create deal at a steady rate",
                        RestLatencyBenchmark.NAME, () -> new RestLatencyBenchmark(context).run());
            }
            if (options.runs(OutcomeLatencyBenchmark.NAME)) {
                section(context, "outcome: won → cosell.opportunity.outcome.v1 on cosell.deal-outcomes",
                        OutcomeLatencyBenchmark.NAME, () -> new OutcomeLatencyBenchmark(context).run());
            }
            if (options.runs(PortalBenchmark.NAME)) {
                section(context, "portal: the Opportunities and opportunity pages with 10,000 opportunities, first load",
                        PortalBenchmark.NAME, () -> new PortalBenchmark(context).run());
            }
            if (options.runs(ExportBenchmark.NAME)) {
                section(context, "export: GET /api/opportunities/export of 100,000 opportunities, bounded memory",
                        ExportBenchmark.NAME, () -> new ExportBenchmark(context).run());
            }
            if (options.runs(IngestBenchmark.NAME)) {
                section(context, "ingest: " + options.referrals() + " referrals, beside Kafka alone and the floor consumer",
                        IngestBenchmark.NAME, () -> new IngestBenchmark(context).run(options.referrals()));
            }
            if (options.runs(FootprintBenchmark.NAME)) {
                progress.section("footprint: memory after the benchmarks");
                FootprintBenchmark.memory(stack, table, "after load");
                FootprintBenchmark.storage(mongo, table);
            }
            // after the footprint: its million timers would weigh on the database server's memory figure
            if (options.runs(TimersBenchmark.NAME)) {
                section(context, "timers: 1,000,000 armed, 100,000 due at once, two scheduler replicas",
                        TimersBenchmark.NAME, () -> new TimersBenchmark(context).run());
            }
        } finally {
            table.load("end");
            table.printAll();
            ResultsFile.write(output, options, startedAt, table);
            progress.accept("figures written to " + output.toAbsolutePath());
            if (stack.launchedHere()) {
                progress.accept("stopping the stack");
            }
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stopStack);
        }
        return table.figures().stream().anyMatch(figure -> figure.verdict() == Verdict.FAILED) ? 1 : 0;
    }

    /** A benchmark that may fail without stopping the others; it starts once the services are idle. */
    private static void section(BenchContext context, String title, String name, Benchmark benchmark) {
        context.progress().section(title);
        try {
            Duration quiet = ConsumerLag.awaitCaughtUp(QUIET_BETWEEN, context.progress());
            if (quiet == null) {
                context.progress().accept("starting anyway: the services are still consuming");
            }
            benchmark.run();
        } catch (Exception e) {
            context.progress().accept(name + " failed: " + e);
            context.table().add(Figure.failed(name, "benchmark", e.toString()));
        }
    }

    @FunctionalInterface
    private interface Benchmark {
        void run() throws Exception;
    }
}
