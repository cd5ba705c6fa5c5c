package org.cosell.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.BsonBinary;
import org.bson.Document;
import org.cosell.contracts.Topics;
import org.cosell.stack.ChildProcess;
import org.cosell.stack.CosellService;
import org.cosell.stack.JavaCommand;
import org.cosell.stack.ProcessOutput;
import org.cosell.stack.ReadinessWait;
import org.cosell.stack.ServiceEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deadlines at scale: 1,000,000 timers armed in expiry-scheduler's database, two scheduler replicas, 100,000 of the
 * timers due at the same instant. The timers are bulk-inserted straight into a database of their own
 * ({@value #DATABASE}, on the stack's MongoDB-compatible server), and two replicas of the expiry-scheduler jar are
 * started beside the stack on it (ports 8086/9086 and 8087/9087, the production JVM options), so that each builds
 * its view of what is due from the database as it would after a deployment. Figures: what one poll with nothing
 * due costs while the million wait (the replicas' own {@code cosell_expiry_poll_seconds} summary, median and p99
 * of every poll of the wait), and, once the 100,000 fall due, the time until the last of them was seen on
 * {@code cosell.expiry.due} and the lateness of each (seen minus due), each timer counted once, duplicates and
 * missing ones reported. referral-service, deal-service and notification-service, which would consume the
 * 100,000 notices for targets they do not know, are paused (SIGSTOP) while the timers fire.
 */
final class TimersBenchmark {

    static final String NAME = "timers";
    static final String DATABASE = "cosell-expiry-bench";
    private static final int ARMED = 1_000_000;
    private static final int DUE = 100_000;
    private static final int INSERT_BATCH = 10_000;
    /** Time for the replicas to start and read the million into their views, and then to poll idle for a while. */
    private static final Duration REPLICAS_START = Duration.ofSeconds(240);
    private static final Duration IDLE_POLLING = Duration.ofSeconds(60);
    private static final Duration FIRE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DUPLICATE_WAIT = Duration.ofSeconds(10);
    private static final List<CosellService> REPLICAS = List.of(
            new CosellService("expiry-scheduler-bench-1", 8086, 9086),
            new CosellService("expiry-scheduler-bench-2", 8087, 9087));
    private static final List<String> NOTICE_CONSUMERS = List.of("referral-service", "deal-service", "notification-service");
    private static final Pattern POLL_SUMMARY = Pattern.compile(
            "^cosell_expiry_poll_seconds(_count|_max)?\\{([^}]*)} ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);

    /** The values measured on the main branch before the scheduler kept a view of what is due. */
    private static final String BEFORE_IDLE_POLL = "853 ms before";
    private static final String BEFORE_FIRE_ALL = "452 s before";
    private static final String BEFORE_LATENESS = "449 s before";

    private final BenchContext context;

    TimersBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Progress progress = context.progress();
        MongoCollection<Document> timers = context.mongo().getDatabase(DATABASE).getCollection("timers");
        timers.drop();
        long armStarted = System.nanoTime();
        Instant later = Instant.now().plus(Duration.ofDays(30));
        insert(timers, ARMED - DUE, later);
        double armSeconds = (System.nanoTime() - armStarted) / 1e9;
        Instant dueAt = Instant.now().plus(REPLICAS_START).plus(IDLE_POLLING)
                .plusSeconds((long) Math.ceil(armSeconds * DUE / (ARMED - DUE)));
        List<String> dueTargets = insert(timers, DUE, dueAt);
        armSeconds = (System.nanoTime() - armStarted) / 1e9;
        progress.accept(String.format(Locale.ROOT, "armed %,d timers in %.1f s (bulk inserts of %,d); %,d due at %s",
                ARMED, armSeconds, INSERT_BATCH, DUE, dueAt));
        context.table().add(Figure.info(NAME, "arm 1,000,000 (bulk insert)", armSeconds, "s", ""));

        List<ChildProcess> replicas = new ArrayList<>();
        try {
            long startedAt = System.nanoTime();
            for (CosellService replica : REPLICAS) {
                replicas.add(start(replica));
            }
            Map<CosellService, ChildProcess> running = new LinkedHashMap<>();
            for (int i = 0; i < REPLICAS.size(); i++) {
                running.put(REPLICAS.get(i), replicas.get(i));
            }
            new ReadinessWait(ServiceEnvironment.DEFAULT_BIND_ADDRESS, REPLICAS_START.multipliedBy(2), () -> false)
                    .await(running, ready -> progress.accept(ready.name() + " ready"));
            awaitViews(dueAt);
            double viewsAfter = (System.nanoTime() - startedAt) / 1e9;
            progress.accept(String.format(Locale.ROOT, "both replicas hold the %,d timers in their views after %.1f s; "
                    + "polling idle until %s", ARMED, viewsAfter, dueAt));
            context.table().add(Figure.info(NAME, "2 replicas started, views read", viewsAfter, "s", ""));
            sleepUntil(dueAt.minusSeconds(2));
            reportIdlePolls();
            fire(dueAt, dueTargets);
        } finally {
            replicas.forEach(replica -> replica.stop(Duration.ofSeconds(20)));
            timers.drop();
        }
    }

    /** Inserts {@code count} armed timers due at {@code dueAt}; answers their targets. */
    private static List<String> insert(MongoCollection<Document> timers, int count, Instant dueAt) {
        List<String> targets = new ArrayList<>(count);
        List<Document> batch = new ArrayList<>(INSERT_BATCH);
        Date due = Date.from(dueAt);
        Date armedAt = new Date();
        for (int i = 0; i < count; i++) {
            UUID target = UUID.randomUUID();
            targets.add(target.toString());
            batch.add(new Document("_id", "REFERRAL_RESPONSE:" + target)
                    .append("kind", "REFERRAL_RESPONSE")
                    .append("targetId", new BsonBinary(target))
                    .append("partnerId", BenchContext.PARTNER_ID)
                    .append("dueAt", due)
                    .append("state", "ARMED")
                    .append("armedAt", armedAt));
            if (batch.size() == INSERT_BATCH || i == count - 1) {
                timers.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
            }
        }
        return targets;
    }

    private ChildProcess start(CosellService replica) throws Exception {
        Map<String, String> given = new HashMap<>(ServiceEnvironment.withoutStackVariables(System.getenv()));
        given.put("SPRING_MONGODB_DATABASE", DATABASE);
        given.put("HOSTNAME", replica.name());
        Path log = Path.of(context.options().output()).toAbsolutePath().resolveSibling(replica.name() + ".log");
        ChildProcess process = new ChildProcess(replica.name(),
                JavaCommand.of(JavaCommand.PRODUCTION, CosellService.EXPIRY_SCHEDULER.jar(Path.of("").toAbsolutePath())),
                ServiceEnvironment.of(replica, ServiceEnvironment.DEFAULT_BIND_ADDRESS, given), Path.of("").toAbsolutePath(),
                ProcessOutput.appendedTo(log));
        process.start();
        context.progress().accept(replica.name() + " started (pid " + process.handle().pid() + "), output in " + log);
        return process;
    }

    /** Until each replica's view holds the million ({@code cosell_expiry_view_timers}). */
    private void awaitViews(Instant dueAt) throws Exception {
        for (CosellService replica : REPLICAS) {
            while (gauge(replica, "cosell_expiry_view_timers") < ARMED) {
                if (Instant.now().isAfter(dueAt)) {
                    throw new IllegalStateException(replica.name() + " had not read the timers by their due time");
                }
                // seldom: every scrape also counts the armed timers, a scan of the collection on this server
                Thread.sleep(5_000);
            }
        }
    }

    /** Every poll of the wait, per replica: the replicas' summary of the polls that found nothing due. */
    private void reportIdlePolls() throws Exception {
        double worstMedian = 0;
        double worstP99 = 0;
        StringBuilder detail = new StringBuilder();
        for (CosellService replica : REPLICAS) {
            String metrics = scrape(replica);
            double count = pollSummary(metrics, "_count", "view", "none", null).orElse(0);
            double median = pollSummary(metrics, "", "view", "none", "0.5").orElse(Double.NaN) * 1000;
            double p99 = pollSummary(metrics, "", "view", "none", "0.99").orElse(Double.NaN) * 1000;
            double max = pollSummary(metrics, "_max", "view", "none", null).orElse(Double.NaN) * 1000;
            double rescans = pollSummary(metrics, "_count", "rescan", "none", null).orElse(0)
                    + pollSummary(metrics, "_count", "rescan", "some", null).orElse(0);
            double rescanMax = Math.max(pollSummary(metrics, "_max", "rescan", "none", null).orElse(0),
                    pollSummary(metrics, "_max", "rescan", "some", null).orElse(0)) * 1000;
            worstMedian = Math.max(worstMedian, median);
            worstP99 = Math.max(worstP99, p99);
            detail.append(String.format(Locale.ROOT, "%s: %.0f polls, p50 %.3f ms, p99 %.3f ms, max %.3f ms; "
                    + "%.0f rescans of the database, the longest %.0f ms. ", replica.name(), count, median, p99, max,
                    rescans, rescanMax));
        }
        context.progress().accept(detail.toString().trim());
        context.table().add(Figure.atMost(NAME, "poll, nothing due, 1M armed: p50", worstMedian, "ms",
                BEFORE_IDLE_POLL, 20, "<= 20 ms", "the slower replica"));
        context.table().add(Figure.atMost(NAME, "poll, nothing due, 1M armed: p99", worstP99, "ms",
                BEFORE_IDLE_POLL, 20, "<= 20 ms", detail.toString().trim()));
    }

    /** The 100,000 fall due: each seen once on cosell.expiry.due, how late, and the last one when. */
    private void fire(Instant dueAt, List<String> dueTargets) throws Exception {
        Map<String, Long> firstSeenMillis = new ConcurrentHashMap<>(DUE * 2);
        dueTargets.forEach(target -> firstSeenMillis.put(target, -1L));
        AtomicLong duplicates = new AtomicLong();
        AtomicLong notDue = new AtomicLong();
        LatencyRecorder lateness = new LatencyRecorder();
        long fireStarted = System.nanoTime();
        // one watcher thread writes the map; the main thread reads it once the watcher is closed
        try (TopicWatcher notices = new TopicWatcher(Topics.EXPIRY_DUE, (record, arrivedNanos) -> {
            long seen = System.currentTimeMillis();
            Long first = firstSeenMillis.get(record.key());
            if (first == null) {
                notDue.incrementAndGet();
            } else if (first >= 0) {
                duplicates.incrementAndGet();
            } else {
                firstSeenMillis.put(record.key(), seen);
                lateness.recordNanos(Math.max(0, seen - dueAt.toEpochMilli()) * 1_000_000);
            }
        });
             PausedProcesses paused = PausedProcesses.pause(context.stack(), noticeConsumersRunning(), context.progress())) {
            sleepUntil(dueAt);
            long deadline = System.nanoTime() + FIRE_TIMEOUT.toNanos();
            while (lateness.summary().count() < DUE && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(DUPLICATE_WAIT.toMillis());
        }
        long seen = lateness.summary().count();
        long missing = DUE - seen;
        long lastSeen = firstSeenMillis.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        double allFiredSeconds = missing == 0 ? (lastSeen - dueAt.toEpochMilli()) / 1000.0 : Double.NaN;
        LatencyRecorder.Summary late = lateness.summary();
        String check = String.format(Locale.ROOT, "%,d of %,d seen, %,d missing, %,d duplicates, %,d not due; "
                + "watched %.0f s", seen, DUE, missing, duplicates.get(), notDue.get(), (System.nanoTime() - fireStarted) / 1e9);
        context.progress().accept(String.format(Locale.ROOT, "100,000 due at once: all seen after %.1f s, "
                + "lateness p50 %.1f s, p99 %.1f s, max %.1f s; %s", allFiredSeconds, late.p50() / 1000, late.p99() / 1000,
                late.max() / 1000, check));
        if (missing > 0 || duplicates.get() > 0 || notDue.get() > 0) {
            context.table().add(Figure.failed(NAME, "100k due at once: each exactly once", check));
        } else {
            context.table().add(Figure.info(NAME, "100k due at once: each exactly once", DUE, "", check));
        }
        context.table().add(Figure.atMost(NAME, "100k due at once, 2 replicas: all fired", allFiredSeconds, "s",
                BEFORE_FIRE_ALL, 30, "<= 30 s", "due time to the last first seen on " + Topics.EXPIRY_DUE));
        context.table().add(Figure.atMost(NAME, "100k due at once: lateness p99", late.p99() / 1000, "s",
                BEFORE_LATENESS, 30, "<= 30 s", String.format(Locale.ROOT, "p50 %.1f s, max %.1f s",
                        late.p50() / 1000, late.max() / 1000)));
    }

    /** Those of the notices' consumers that run: none when attached to a stack started with {@code --infra-only}. */
    private List<String> noticeConsumersRunning() {
        List<String> running = context.stack().processes().stream().map(StackProcess.NamedProcess::name).toList();
        return NOTICE_CONSUMERS.stream().filter(running::contains).toList();
    }

    private double gauge(CosellService replica, String name) {
        try {
            Matcher matcher = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                    .matcher(scrape(replica));
            return matcher.find() ? Double.parseDouble(matcher.group(2)) : -1;
        } catch (Exception notAnswering) {
            return -1;
        }
    }

    private static String scrape(CosellService replica) {
        return PrometheusScrape.of(replica)
                .orElseThrow(() -> new IllegalStateException(replica.name() + " did not answer its metrics scrape"));
    }

    /** One line of the poll summary: {@code suffix} "" (a quantile), "_count" or "_max", for a look and what it found. */
    private static OptionalDouble pollSummary(String metrics, String suffix, String look, String found, String quantile) {
        Matcher matcher = POLL_SUMMARY.matcher(metrics);
        while (matcher.find()) {
            String labels = matcher.group(2);
            if (suffix.equals(matcher.group(1) == null ? "" : matcher.group(1)) && labels.contains("look=\"" + look + "\"")
                    && labels.contains("found=\"" + found + "\"")
                    && (quantile == null || labels.contains("quantile=\"" + quantile + "\""))) {
                return OptionalDouble.of(Double.parseDouble(matcher.group(3)));
            }
        }
        return OptionalDouble.empty();
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
