package org.cosell.bench;

import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.cosell.bench.BenchReferrals.BenchReferral;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.stack.CosellService;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1: N referrals offered on {@code cosell.referrals.inbound} until every one is stored by
 * referral-service and its {@code received} event is out on {@code cosell.referrals.events} —
 * beside, in the same run, raw Kafka produce and consume rates and the floor consumer's bulk
 * inserts of the same records into the same database server. Targets: the whole stack at least 35 % of the floor,
 * referral-service alone at least half of it.
 */
final class IngestBenchmark {

    static final String NAME = "ingest";
    /** What referral-service alone is held to: the floor does nothing but store, and so does it, plus one event. */
    private static final double ALONE_SHARE_OF_FLOOR = 50.0;
    /**
     * What the whole stack aims for: besides referral-service, three services consume each referral's event and
     * write their own documents on the same two cores and the same database server.
     */
    private static final double WHOLE_STACK_SHARE_OF_FLOOR = 35.0;
    private static final String WHOLE_STACK_BEFORE = "before: 18–24 %";
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofMinutes(15);
    private static final int PER_RECORD_FLOOR_MAX = 20_000;
    /** Referrals of the unmeasured first ingest (at most as many as the measured ones). */
    private static final int WARM_UP_MAX = 30_000;
    private static final int AFTER_INGEST_WARM_UP_READS = 500;
    private static final int AFTER_INGEST_READS = 200;
    /** The services that consume referral-service's {@code received} events, by jar name. */
    private static final List<String> DOWNSTREAM = List.of("deal-service", "expiry-scheduler", "notification-service");
    private static final String RECEIVED_TYPE = "\"type\":\"" + EventType.REFERRAL_RECEIVED.id() + "\"";

    private final BenchContext context;

    IngestBenchmark(BenchContext context) {
        this.context = context;
    }

    void run(int count) throws Exception {
        ResultsTable table = context.table();
        Progress progress = context.progress();
        String prefix = "BENCH-" + context.runId() + "-";
        progress.accept(String.format(Locale.ROOT, "making %,d referrals of ~%d bytes for partner %s", count,
                BenchReferrals.TARGET_BYTES, BenchContext.PARTNER_ID));
        List<BenchReferral> referrals = BenchReferrals.make(prefix, BenchContext.PARTNER_ID, count);
        double averageBytes = referrals.stream().mapToInt(referral -> referral.json().length).average().orElse(0);
        table.add(Figure.info(NAME, "record size", averageBytes, "bytes", "cosell.referral.offered.v1 from the golden sample"));

        // first, so that the floor below meets what the whole stack meets after it: a warm database server
        // and services that are compiled and idle (measured right after start, the floor shared the two cores
        // with six JVMs' compilers, and came out anywhere between 6,300 and 9,200 a second)
        warmUp(prefix + "WARM-UP-", Math.min(count, WARM_UP_MAX));
        String rawTopic = "bench.raw." + context.runId();
        RawKafkaBenchmark.createTopic(rawTopic, progress);
        double floor;
        try {
            progress.accept("raw Kafka: produce and consume " + rawTopic);
            RawKafkaBenchmark.Result raw = RawKafkaBenchmark.run(referrals, rawTopic, progress);
            table.add(Figure.info(NAME, "Kafka alone: produced/s", raw.producedPerSecond(), "/s",
                    "acks=all, linger 5 ms, 128 KB batches, 3 partitions"));
            table.add(Figure.info(NAME, "Kafka alone: consumed/s", raw.consumedPerSecond(), "/s", "one consumer, 3 partitions"));

            progress.accept("floor: consume + parse + bulk insert (one poll, up to 500) + commit into " + FloorBenchmark.DATABASE);
            floor = FloorBenchmark.run(context.mongo().getDatabase(FloorBenchmark.DATABASE), rawTopic, count,
                    FloorBenchmark.Writes.BULK, "bench-floor-bulk-" + context.runId());
            table.add(Figure.info(NAME, "floor: bulk inserts of 500/s", floor, "/s", "minimal consumer, same records, same server"));
            int perRecordCount = Math.min(count, PER_RECORD_FLOOR_MAX);
            progress.accept(String.format(Locale.ROOT, "floor: one insert per record (%,d records)", perRecordCount));
            double perRecord = FloorBenchmark.run(context.mongo().getDatabase(FloorBenchmark.DATABASE), rawTopic,
                    perRecordCount, FloorBenchmark.Writes.PER_RECORD, "bench-floor-single-" + context.runId());
            table.add(Figure.info(NAME, "floor: one insert per record/s", perRecord, "/s", "for scale"));
        } finally {
            context.mongo().getDatabase(FloorBenchmark.DATABASE).drop();
            RawKafkaBenchmark.deleteTopic(rawTopic);
        }

        ingest(referrals, prefix, floor, false);
        String alonePrefix = prefix + "ALONE-";
        progress.accept(String.format(Locale.ROOT, "making %,d more referrals for referral-service alone", count));
        ingest(BenchReferrals.make(alonePrefix, BenchContext.PARTNER_ID, count), alonePrefix, floor, true);
        afterIngest();
    }

    /**
     * A first ingest, not measured against the floor: every service meets its ingest path for the first time, and
     * the optimizing compiler of six JVMs works on two cores for most of a minute; the figures that follow are the
     * stack's work per referral, not that one-off start. How fast that first ingest went is shown.
     */
    private void warmUp(String prefix, int count) throws Exception {
        Progress progress = context.progress();
        progress.accept(String.format(Locale.ROOT, "warming up: %,d referrals through the whole stack, not measured against the floor", count));
        Measured measured = offerAndAwait(BenchReferrals.make(prefix, BenchContext.PARTNER_ID, count), prefix);
        if (measured == null) {
            context.table().add(Figure.failed(NAME, "warm-up, whole stack", "stalled: no progress for " + STALL.toSeconds() + " s"));
            return;
        }
        context.table().add(Figure.info(NAME, "warm-up: referrals/s, whole stack", Rates.perSecond(count, measured.announcedNanos()),
                "/s", String.format(Locale.ROOT, "%,d referrals, the first the services see (JIT compilers at work)", count)));
        if (ConsumerLag.awaitCaughtUp(SETTLE, progress) == null) {
            context.table().add(Figure.failed(NAME, "warm-up, downstream caught up", "still behind after " + SETTLE.toMinutes() + " min"));
        }
    }

    /**
     * One ingest of {@code referrals}: with the whole stack running, or with referral-service alone — the three
     * services that consume its {@code received} events paused (SIGSTOP) until it is done, as the floor consumer
     * had the machine to itself. On 2 cores the whole stack shares them with those three and with their writes
     * into the same database server; alone shows what referral-service's own path costs.
     */
    private void ingest(List<BenchReferral> referrals, String prefix, double floor, boolean alone) throws Exception {
        ResultsTable table = context.table();
        Progress progress = context.progress();
        String variant = alone ? "referral-service alone" : "whole stack";
        String label = alone ? "alone" : "whole stack";
        table.load("before ingest, " + label);
        Measured measured;
        List<CpuShare.Usage> usage;
        Map<CosellService, DatabaseWork.Snapshot> workBefore = DatabaseWork.snapshot(context.mongo());
        try (PausedProcesses ignored = alone ? PausedProcesses.pause(context.stack(), DOWNSTREAM, progress) : null) {
            CpuShare cpu = CpuShare.start(context.stack());
            measured = offerAndAwait(referrals, prefix);
            usage = cpu.stop();
        }
        table.load("after ingest, " + label);
        if (measured == null) {
            table.add(Figure.failed(NAME, "referrals/s, " + variant, "stalled: no progress for " + STALL.toSeconds() + " s"));
            return;
        }
        int count = referrals.size();
        double endToEnd = Rates.perSecond(count, measured.announcedNanos());
        table.add(Figure.info(NAME, "offered: produced/s, " + label, Rates.perSecond(count, measured.producedNanos()), "/s",
                "to cosell.referrals.inbound"));
        table.add(Figure.info(NAME, "stored/s, " + label, Rates.perSecond(count, measured.storedNanos()),
                "/s", String.format(Locale.ROOT, "count in cosell-referrals; all stored after %.1f s",
                        Rates.seconds(measured.storedNanos()))));
        table.add(Figure.info(NAME, "referrals/s, " + variant, endToEnd, "/s",
                String.format(Locale.ROOT, "stored and announced, floor %,.0f /s; all announced after %.1f s%s", floor,
                        Rates.seconds(measured.announcedNanos()), alone ? "; " + String.join(", ", DOWNSTREAM) + " paused" : "")));
        double shareOfFloor = Rates.percent(endToEnd, floor);
        table.add(alone
                ? Figure.atLeast(NAME, variant + " as % of floor", shareOfFloor, "%", "", ALONE_SHARE_OF_FLOOR, ">= 50 %", "")
                : Figure.atLeast(NAME, variant + " as % of floor", shareOfFloor, "%", WHOLE_STACK_BEFORE,
                        WHOLE_STACK_SHARE_OF_FLOOR, ">= 35 %", ""));
        CpuShare.report(usage, NAME, "during ingest, " + label, table);
        if (measured.duplicates() > 0) {
            table.add(Figure.failed(NAME, "received events announced twice, " + label, measured.duplicates() + " duplicates"));
        }

        progress.accept("waiting for deal-service, expiry-scheduler and notification-service to consume the received events");
        Duration settled = ConsumerLag.awaitCaughtUp(SETTLE, progress);
        String caughtUp = "downstream caught up, " + label;
        if (settled == null) {
            table.add(Figure.failed(NAME, caughtUp, "still behind after " + SETTLE.toMinutes() + " min"));
        } else if (alone) {
            table.add(Figure.info(NAME, caughtUp, Rates.seconds(settled.toNanos()), "s", String.format(Locale.ROOT,
                    "after they were resumed with all %,d received events waiting: %,.0f events/s each", count,
                    Rates.perSecond(count, settled.toNanos()))));
        } else {
            table.add(Figure.info(NAME, caughtUp, Rates.seconds(settled.toNanos()), "s",
                    "after the last received event: deal-service projection, timers, notifications"));
        }
        if (settled != null) {
            DatabaseWork.report(workBefore, DatabaseWork.snapshot(context.mongo()), count, NAME, label, table);
        }
    }

    /**
     * What the volume does to a single read afterwards, once every service has caught up: one client
     * reading one opportunity straight from deal-service, with the ingest's referrals, opportunities
     * and timers stored (the latency benchmarks, run before the ingest, saw an almost empty database).
     * The reads are warmed up first: run alone ({@code --only ingest}), nothing has called this
     * endpoint yet, and its first reads would measure the JIT compiler rather than the volume.
     */
    private void afterIngest() throws Exception {
        ResultsTable table = context.table();
        long opportunities = context.documents("cosell-deals", "opportunities");
        CosellApi api = context.api();
        UUID deal = api.createDealNow("Bench after ingest deal");
        for (int i = 0; i < AFTER_INGEST_WARM_UP_READS; i++) {
            api.client().send(api.getOpportunity(CosellApi.DEAL_SERVICE, deal), HttpResponse.BodyHandlers.discarding());
        }
        LatencyRecorder latency = new LatencyRecorder();
        for (int i = 0; i < AFTER_INGEST_READS; i++) {
            long sent = System.nanoTime();
            api.client().send(api.getOpportunity(CosellApi.DEAL_SERVICE, deal), HttpResponse.BodyHandlers.discarding());
            latency.recordNanos(System.nanoTime() - sent);
        }
        table.add(Figure.info(NAME, "afterwards: one GET /api/opportunities/{id}, p50", latency.summary().p50(), "ms",
                String.format(Locale.ROOT, "straight to deal-service, one client, %,d opportunities stored", opportunities)));
    }

    /** Timings from the first offer, all in nanoseconds. */
    record Measured(long producedNanos, long storedNanos, long announcedNanos, long duplicates) {
    }

    private Measured offerAndAwait(List<BenchReferral> referrals, String prefix) throws Exception {
        Progress progress = context.progress();
        MongoCollection<Document> stored = context.mongo().getDatabase("cosell-referrals").getCollection("referrals");
        long storedBefore = stored.estimatedDocumentCount();
        Set<String> announced = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong lastAnnouncedAt = new AtomicLong();
        String marker = "\"referralId\":\"" + prefix;
        try (TopicWatcher events = new TopicWatcher(Topics.REFERRAL_EVENTS, (record, arrived) -> {
            String referralId = receivedReferralId(record, marker);
            if (referralId != null) {
                if (announced.add(referralId)) {
                    lastAnnouncedAt.set(arrived);
                } else {
                    duplicates.incrementAndGet();
                }
            }
        })) {
            progress.accept(String.format(Locale.ROOT, "offering %,d referrals on %s", referrals.size(), Topics.REFERRALS_INBOUND));
            long start = System.nanoTime();
            long producedNanos = RawKafkaBenchmark.produce(referrals, Topics.REFERRALS_INBOUND);
            progress.accept(String.format(Locale.ROOT, "offered in %.2f s", Rates.seconds(producedNanos)));
            long storedNanos = 0;
            long lastProgressAt = start;
            long lastCount = -1;
            long lastReport = start;
            while (true) {
                long now = System.nanoTime();
                long storedCount = stored.estimatedDocumentCount() - storedBefore;
                if (storedNanos == 0 && storedCount >= referrals.size()) {
                    storedNanos = now - start;
                }
                if (storedNanos > 0 && announced.size() >= referrals.size()) {
                    return new Measured(producedNanos, storedNanos, lastAnnouncedAt.get() - start, duplicates.get());
                }
                long progressCount = storedCount + announced.size();
                if (progressCount != lastCount) {
                    lastCount = progressCount;
                    lastProgressAt = now;
                } else if (now - lastProgressAt > STALL.toNanos()) {
                    return null;
                }
                if (now - lastReport >= 2_000_000_000L) {
                    lastReport = now;
                    double seconds = Rates.seconds(now - start);
                    progress.accept(String.format(Locale.ROOT, "ingest %.0f s: stored %,d, announced %,d of %,d (%,.0f /s)",
                            seconds, storedCount, announced.size(), referrals.size(), announced.size() / seconds));
                }
                Thread.sleep(250);
            }
        }
    }

    /** The referral id of a {@code received} event of this run, or {@code null} for any other record. */
    static String receivedReferralId(ConsumerRecord<String, String> record, String marker) {
        String value = record.value();
        if (value == null || !value.contains(RECEIVED_TYPE)) {
            return null;
        }
        int start = value.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += "\"referralId\":\"".length();
        int end = value.indexOf('"', start);
        return end < 0 ? null : value.substring(start, end);
    }
}
