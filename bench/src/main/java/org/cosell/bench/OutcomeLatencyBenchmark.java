package org.cosell.bench;

import org.cosell.contracts.Topics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 4: from {@code POST /api/deals/{id}/won} being sent until its
 * {@code cosell.opportunity.outcome.v1} record arrives on {@code cosell.deal-outcomes} — the REST
 * write, the outbox, the relay and Kafka. Deals are marked won at a steady rate. Target: p99 at most
 * 200 ms. Exactly one outcome per deal is checked on the way.
 */
final class OutcomeLatencyBenchmark {

    static final String NAME = "outcome";
    private static final int PER_SECOND = 20;
    private static final Duration WAIT_FOR_LAST = Duration.ofSeconds(30);

    private final BenchContext context;

    OutcomeLatencyBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        int count = context.options().outcomes();
        CosellApi api = context.api();
        Progress progress = context.progress();
        List<UUID> deals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deals.add(api.createDealNow("Bench outcome deal " + i));
        }
        progress.accept("created " + count + " deals; marking them won at " + PER_SECOND + "/s");
        Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        Map<UUID, Long> arrivedAt = new ConcurrentHashMap<>();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong restErrors = new AtomicLong();
        LatencyRecorder rest = new LatencyRecorder();
        LatencyRecorder outcome = new LatencyRecorder();
        context.table().load("before outcome");
        try (TopicWatcher outcomes = new TopicWatcher(Topics.DEAL_OUTCOMES, (record, arrived) -> {
            UUID deal = parse(record.key());
            if (deal != null && sentAt.containsKey(deal) && arrivedAt.putIfAbsent(deal, arrived) != null) {
                duplicates.incrementAndGet();
            }
        })) {
            List<CompletableFuture<?>> answers = new ArrayList<>();
            long period = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long intended = start + i * period;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                UUID deal = deals.get(i);
                sentAt.put(deal, intended);
                answers.add(api.client().sendAsync(api.won(deal), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            rest.recordNanos(System.nanoTime() - intended);
                            if (failure != null || response.statusCode() != 200) {
                                restErrors.incrementAndGet();
                            }
                        }));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + WAIT_FOR_LAST.toNanos();
            while (arrivedAt.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
        }
        context.table().load("after outcome");
        arrivedAt.forEach((deal, arrived) -> outcome.recordNanos(arrived - sentAt.get(deal)));
        LatencyRecorder.Summary outcomes = outcome.summary();
        LatencyRecorder.Summary answers = rest.summary();
        String load = String.format(Locale.ROOT, "%d deals won at %d/s; %d outcomes, %d missing, %d duplicated",
                count, PER_SECOND, arrivedAt.size(), count - arrivedAt.size(), duplicates.get());
        ResultsTable table = context.table();
        if (arrivedAt.size() < count || duplicates.get() > 0 || restErrors.get() > 0) {
            table.add(Figure.failed(NAME, "exactly one outcome per deal won", load + "; " + restErrors.get() + " REST errors"));
        }
        table.add(Figure.info(NAME, "won → outcome on Kafka: p50", outcomes.p50(), "ms", load));
        table.add(Figure.atMost(NAME, "won → outcome on Kafka: p99", outcomes.p99(), "ms", "", 200, "<= 200 ms",
                String.format(Locale.ROOT, "max %.1f ms", outcomes.max())));
        table.add(Figure.info(NAME, "won REST answer: p50", answers.p50(), "ms", ""));
        table.add(Figure.info(NAME, "won REST answer: p99", answers.p99(), "ms", ""));
    }

    private static UUID parse(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException notADeal) {
            return null;
        }
    }
}
