package org.cosell.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bson.BsonBinary;
import org.bson.Document;
import org.cosell.stack.ChildProcess;
import org.cosell.stack.CosellService;
import org.cosell.stack.JavaCommand;
import org.cosell.stack.ProcessOutput;
import org.cosell.stack.ReadinessWait;
import org.cosell.stack.ServiceEnvironment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/opportunities/export} of 100,000 opportunities: that the export streams them with
 * bounded memory. The opportunities are one deal created through the API and copied straight into
 * deal-service's database (100,000 for a partner of their own, 7700003; a referral ingest of that size
 * would take most of the run). The export is read twice, each time parsed as CSV as it arrives and
 * its rows counted: once from a deal-service of its own started beside the stack with a small heap
 * ({@value #SMALL_HEAP}, ports 8088/9088, the production JVM options otherwise, its Kafka consumers
 * off), which would stop with an OutOfMemoryError if the export held the rows; once through the
 * gateway from the stack's deal-service (1 GB heap). For each: rows, seconds, rows/s, megabytes, and
 * the peak heap used by the serving deal-service, sampled from its {@code jvm_memory_used_bytes}
 * every {@value #SAMPLE_MILLIS} ms, beside its heap before the export.
 */
final class ExportBenchmark {

    static final String NAME = "export";
    static final String PARTNER_ID = "7700003";
    static final int OPPORTUNITIES = 100_000;
    static final String SMALL_HEAP = "-Xmx128m";
    private static final int INSERT_BATCH = 5_000;
    private static final long SAMPLE_MILLIS = 250;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /**
     * How long one export may take to its last row (it takes seconds): a server that stops sending
     * in the middle of the body would otherwise hold the run, since a request's own timeout ends
     * with the response's head.
     */
    private static final Duration EXPORT_DEADLINE = Duration.ofMinutes(5);
    private static final CosellService SMALL = new CosellService("deal-service-export-bench", 8088, 9088);
    private static final Pattern HEAP_USED = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final BenchContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ExportBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Progress progress = context.progress();
        CosellApi api = CosellApi.forPartner(PARTNER_ID);
        MongoCollection<Document> opportunities = context.mongo().getDatabase("cosell-deals").getCollection("opportunities");
        opportunities.deleteMany(Filters.eq("partnerId", PARTNER_ID));
        api.createDealNow("Bench export template");
        long seedStarted = System.nanoTime();
        seed(opportunities);
        double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;
        progress.accept(String.format(Locale.ROOT, "seeded %,d opportunities for partner %s in %.1f s", OPPORTUNITIES,
                PARTNER_ID, seedSeconds));
        ChildProcess small = start();
        try {
            new ReadinessWait(ServiceEnvironment.DEFAULT_BIND_ADDRESS, START_TIMEOUT, () -> false)
                    .await(Map.of(SMALL, small), ready -> progress.accept(ready.name() + " ready"));
            measure(api, URI.create(SMALL.baseUrl()), SMALL, "deal-service " + SMALL_HEAP + ", direct");
            if (!small.isAlive()) {
                context.table().add(Figure.failed(NAME, SMALL_HEAP, "the deal-service with the small heap exited: "
                        + "see its log"));
            }
            measure(api, CosellApi.GATEWAY, CosellService.DEAL_SERVICE, "stack's deal-service (1 GB heap), gateway");
        } finally {
            small.stop(Duration.ofSeconds(20));
            opportunities.deleteMany(Filters.eq("partnerId", PARTNER_ID));
        }
    }

    /** Copies the partner's one deal until it has {@link #OPPORTUNITIES}, each with its own id, name and crmId. */
    private void seed(MongoCollection<Document> opportunities) {
        Document template = opportunities.find(Filters.eq("partnerId", PARTNER_ID)).first();
        if (template == null) {
            throw new IllegalStateException("the template deal of partner " + PARTNER_ID + " is not stored");
        }
        template.remove("pendingEvents");
        List<Document> batch = new ArrayList<>(INSERT_BATCH);
        for (int i = 1; i < OPPORTUNITIES; i++) {
            Document copy = new Document(template);
            copy.put("_id", new BsonBinary(UUID.randomUUID()));
            copy.put("name", "Bench export deal " + i + ", \"quoted\"");
            copy.put("crmId", "BENCH-EXPORT-" + i);
            batch.add(copy);
            if (batch.size() == INSERT_BATCH || i == OPPORTUNITIES - 1) {
                opportunities.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
            }
        }
    }

    private ChildProcess start() throws IOException {
        Map<String, String> given = new HashMap<>(ServiceEnvironment.withoutStackVariables(System.getenv()));
        given.put("HOSTNAME", SMALL.name());
        given.put("SPRING_KAFKA_LISTENER_AUTOSTARTUP", "false");
        Path log = Path.of(context.options().output()).toAbsolutePath().resolveSibling(SMALL.name() + ".log");
        List<String> options = new ArrayList<>(JavaCommand.PRODUCTION.stream()
                .filter(option -> !option.startsWith("-Xmx")).toList());
        options.add(SMALL_HEAP);
        ChildProcess process = new ChildProcess(SMALL.name(),
                JavaCommand.of(options, CosellService.DEAL_SERVICE.jar(Path.of("").toAbsolutePath())),
                ServiceEnvironment.of(SMALL, ServiceEnvironment.DEFAULT_BIND_ADDRESS, given), Path.of("").toAbsolutePath(),
                ProcessOutput.appendedTo(log));
        process.start();
        context.progress().accept(SMALL.name() + " started with " + SMALL_HEAP + " (pid " + process.handle().pid()
                + "), output in " + log);
        return process;
    }

    private void measure(CosellApi api, URI base, CosellService server, String label) throws Exception {
        Progress progress = context.progress();
        double heapBefore = heapUsed(server);
        AtomicBoolean exporting = new AtomicBoolean(true);
        AtomicLong peakHeap = new AtomicLong((long) heapBefore);
        Thread sampler = new Thread(() -> {
            while (exporting.get()) {
                double used = heapUsed(server);
                peakHeap.accumulateAndGet((long) used, Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        HttpRequest request = api.export(base, "tab=outbound");
        long started = System.nanoTime();
        Export export;
        try {
            export = read(request);
        } finally {
            exporting.set(false);
            sampler.join();
        }
        long rows = export.rows();
        double seconds = (System.nanoTime() - started) / 1e9;
        double megabytes = export.bytes() / 1e6;
        double peakMb = peakHeap.get() / 1e6;
        progress.accept(String.format(Locale.ROOT, "%s: %,d rows, %.1f MB in %.1f s (%,.0f rows/s); heap used %.0f MB "
                + "before, peak %.0f MB during the export", label, rows, megabytes, seconds, rows / seconds,
                heapBefore / 1e6, peakMb));
        if (rows != OPPORTUNITIES) {
            context.table().add(Figure.failed(NAME, label, "exported " + rows + " rows, not " + OPPORTUNITIES));
            return;
        }
        context.table().add(Figure.info(NAME, "rows, " + label, rows, "rows",
                String.format(Locale.ROOT, "%.1f MB of CSV", megabytes)));
        context.table().add(Figure.info(NAME, "time, " + label, seconds, "s", ""));
        context.table().add(Figure.info(NAME, "rate, " + label, rows / seconds, "rows/s", ""));
        context.table().add(Figure.info(NAME, "peak heap used, " + label, peakMb, "MB",
                String.format(Locale.ROOT, "%.0f MB before the export", heapBefore / 1e6)));
    }

    /**
     * Sends the export request and reads its whole body, on a thread of its own so that a body that
     * stops arriving fails the benchmark after {@link #EXPORT_DEADLINE} instead of holding the run.
     */
    private Export read(HttpRequest request) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "export-reader");
            thread.setDaemon(true);
            return thread;
        });
        Future<Export> export = reader.submit(() -> {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream received = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the export answered " + response.statusCode() + ": "
                            + new String(received.readAllBytes(), StandardCharsets.UTF_8));
                }
                CountingStream body = new CountingStream(received);
                return new Export(countRows(body), body.count());
            }
        });
        try {
            return export.get(EXPORT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            throw new IllegalStateException("the export did not end within " + EXPORT_DEADLINE.toMinutes() + " minutes");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        } finally {
            // interrupts a read that is late; the stack's stop closes its connection
            reader.shutdownNow();
        }
    }

    /** What one export sent: its data rows and the bytes of its body. */
    private record Export(long rows, long bytes) {
    }

    /** Parses the document as it arrives, as a client would; answers its data rows. */
    private static long countRows(InputStream body) throws IOException {
        try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (!csv.getHeaderNames().contains("\uFEFFid") && !csv.getHeaderNames().contains("id")) {
                throw new IllegalStateException("unexpected header " + csv.getHeaderNames());
            }
            long rows = 0;
            for (CSVRecord ignored : csv) {
                rows++;
            }
            return rows;
        }
    }

    /** The heap the server uses now, all pools together; -1 when it does not answer. */
    private static double heapUsed(CosellService server) {
        return PrometheusScrape.of(server).map(metrics -> {
            Matcher matcher = HEAP_USED.matcher(metrics);
            double used = 0;
            while (matcher.find()) {
                used += Double.parseDouble(matcher.group(1));
            }
            return used;
        }).orElse(-1.0);
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count++;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
