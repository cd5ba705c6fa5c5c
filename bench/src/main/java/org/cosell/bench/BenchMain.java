package org.cosell.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
 * The timers come after the footprint's memory figures, on a fresh stack of their own (see
 * {@link BenchOptions#timersOnAFreshStack()}).
 */
public final class BenchMain {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUIET_BETWEEN = Duration.ofMinutes(5);
    /**
     * How long the harness waits for the database server's answer to one command. The driver's default is
     * forever, so a server that stops answering (its launcher out of memory) would hold a benchmark, and the
     * run, for good; no command the harness sends should take more than seconds.
     */
    private static final Duration DATABASE_ANSWER_TIMEOUT = Duration.ofMinutes(2);

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
        // every stack the run starts: the timers may get one of their own
        List<StackProcess> stacks = new CopyOnWriteArrayList<>(List.of(stack));
        try (MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedMongo.URI))
                .applyToSocketSettings(socket ->
                        socket.readTimeout(DATABASE_ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .build())) {
            // footprint and timers call no API: they also run attached to a stack started with --infra-only
            BenchContext context = new BenchContext(runId, options, table, progress, mongo,
                    options.callsApi() ? CosellApi.forPartner(BenchContext.PARTNER_ID) : null, stack);
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
                // a section like the others: after a large ingest the in-memory database server may be too busy
                // collecting its heap to answer, and that must cost this figure, not the timers after it
                section(context, "footprint: memory after the benchmarks", FootprintBenchmark.NAME, () -> {
                    FootprintBenchmark.memory(stack, table, "after load");
                    FootprintBenchmark.storage(mongo, table);
                });
            }
            // after the footprint: its million timers would weigh on the database server's memory figure
            if (options.runs(TimersBenchmark.NAME)) {
                BenchContext timersContext = options.timersOnAFreshStack() ? onAFreshStack(context, stacks) : context;
                if (timersContext != null) {
                    section(timersContext, "timers: 1,000,000 armed, 100,000 due at once, two scheduler replicas",
                            TimersBenchmark.NAME, () -> new TimersBenchmark(timersContext).run());
                }
            }
        } finally {
            table.load("end");
            table.printAll();
            ResultsFile.write(output, options, startedAt, table);
            progress.accept("figures written to " + output.toAbsolutePath());
            if (!options.attach()) {
                progress.accept("stopping the stack");
            }
            stacks.forEach(StackProcess::close);
        }
        return table.figures().stream().anyMatch(figure -> figure.verdict() == Verdict.FAILED) ? 1 : 0;
    }

    /**
     * Stops the stack of {@code context} and starts a fresh one, added to {@code stacks}; answers the context of the
     * timers on it, or {@code null} when it did not start (the timers' figure then says so). The million timers live
     * in the launcher's database server, in the heap that also holds what the benchmarks before left: beside the
     * ingest's documents the launcher ran out of memory while they were armed. On a fresh stack the timers are
     * measured as with {@code --only timers}.
     */
    private static BenchContext onAFreshStack(BenchContext context, List<StackProcess> stacks) {
        Progress progress = context.progress();
        progress.section("timers: a fresh stack of their own, without the data the benchmarks before left");
        progress.accept("stopping the stack the other benchmarks ran on");
        context.stack().close();
        try {
            StackProcess timersStack = StackProcess.launch(Path.of(context.options().launcherJar()),
                    Path.of(context.options().output()).resolveSibling("launcher-timers.log"), READY_TIMEOUT, progress);
            stacks.add(timersStack);
            context.table().load("timers' stack ready");
            // the timers call no API
            return new BenchContext(context.runId(), context.options(), context.table(), progress, context.mongo(),
                    null, timersStack);
        } catch (Exception e) {
            progress.accept("the timers' stack did not start: " + e);
            context.table().add(Figure.failed(TimersBenchmark.NAME, "a stack of their own", e.toString()));
            return null;
        }
    }

    /** A benchmark that may fail without stopping the others; it starts once the services are idle. */
    private static void section(BenchContext context, String title, String name, Benchmark benchmark) {
        context.progress().section(title);
        try {
            // a stack that is gone would only make every call of the benchmark wait for its timeout
            context.stack().requireRunning();
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
