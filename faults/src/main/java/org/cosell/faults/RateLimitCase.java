package org.cosell.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A burst of 1,000 reads of the notification settings as one partner (20 of its users, 200 calls in flight) through the gateway
 * while another partner reads at a steady 10 per second: the busy partner is refused 429 with
 * {@code Retry-After} once past its rate limit, no call is lost or answered 5xx, and the quiet
 * partner's p99 stays under twice its p99 without the burst (or within 25 ms of it, where that is a
 * few milliseconds and scheduling noise on a small machine would dominate).
 */
final class RateLimitCase implements FaultCase {

    private static final String BUSY_PARTNER = "7100041";
    private static final String QUIET_PARTNER = "7100042";
    private static final int BURST = Integer.getInteger("faults.ratelimit.burst", 1_000);
    private static final int IN_FLIGHT = 200;
    private static final int QUIET_CALLS = 100;
    private static final Duration QUIET_PACE = Duration.ofMillis(100);
    private static final int WARM_UP_FIRST_PARTNER = 7100043;
    private static final int WARM_UP_PARTNERS = 5;
    private static final int WARM_UP_CALLS = 60;
    /**
     * A read the service answers with one lookup by partner: the figures then measure the gateway and
     * its limiter, not the embedded database's collection scans (it has no secondary indexes).
     */
    private static final String READ = Api.GATEWAY + "/api/notification-settings";

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "1,000-call burst as one partner: 429 + Retry-After past its limit, nothing lost; another partner's p99 under 2x its quiet p99";
    }

    @Override
    public boolean rateLimited() {
        return true;
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        // The quiet partner is another company's system: its own HTTP client, connections and
        // selector thread, not a place in the queue of the busy partner's 200 connections.
        Api quietApi = new Api();
        String quiet = api.token("quiet-reader", QUIET_PARTNER, "REFERRALS_ADMIN");
        List<String> busyUsers = IntStream.range(0, 20)
                .mapToObj(i -> api.token("burst-" + i, BUSY_PARTNER, "REFERRALS_ADMIN")).toList();

        warmUp(api);
        quietApi.get(READ, quiet);
        List<Long> alone = quietReads(quietApi, quiet);
        long aloneP99 = p99(alone);

        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT + 1);
        AtomicLong ok = new AtomicLong();
        AtomicLong limited = new AtomicLong();
        AtomicLong limitedWithoutRetryAfter = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong other = new AtomicLong();
        Queue<Long> forwardedLatencies = new ConcurrentLinkedQueue<>();
        Queue<Long> refusedLatencies = new ConcurrentLinkedQueue<>();
        List<Long> duringBurst;
        long burstStarted = System.nanoTime();
        long burstMillis;
        try {
            Future<List<Long>> quietDuringBurst = pool.submit(() -> quietReads(quietApi, quiet));
            List<Future<?>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String token = busyUsers.get(i % busyUsers.size());
                burst.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    Api.Response response = api.get(READ, token);
                    long millis = (System.nanoTime() - sent) / 1_000_000;
                    if (response.status() == 200) {
                        ok.incrementAndGet();
                        forwardedLatencies.add(millis);
                    } else if (response.status() == 429) {
                        limited.incrementAndGet();
                        refusedLatencies.add(millis);
                        if (!response.isProblem() || response.headers().getOrDefault("retry-after", List.of()).isEmpty()) {
                            limitedWithoutRetryAfter.incrementAndGet();
                        }
                    } else if (response.status() == 0 || response.status() >= 500) {
                        lost.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }));
            }
            for (Future<?> call : burst) {
                call.get();
            }
            burstMillis = (System.nanoTime() - burstStarted) / 1_000_000;
            duringBurst = quietDuringBurst.get();
        } finally {
            pool.shutdownNow();
        }
        long burstP99 = p99(duringBurst);
        long bound = Math.max(2 * aloneP99, aloneP99 + 25);
        report.note("busy partner: %d calls, %d answered 200, %d refused 429, %d other 4xx, %d lost or 5xx",
                BURST, ok.get(), limited.get(), other.get(), lost.get());
        report.note("the burst took %,d ms; its forwarded calls p50 %d ms, p99 %d ms; its refused calls p50 %d ms, p99 %d ms",
                burstMillis, percentile(forwardedLatencies, 0.5), p99(forwardedLatencies),
                percentile(refusedLatencies, 0.5), p99(refusedLatencies));
        report.note("quiet partner p99: %d ms alone, %d ms during the burst (bound %d ms); its slowest during the burst: %s",
                aloneP99, burstP99, bound, duringBurst.stream().sorted(Collections.reverseOrder()).limit(5).toList());
        report.expect(limited.get() > 0, "no call of the burst was refused 429");
        report.expect(limitedWithoutRetryAfter.get() == 0, "%d refusals without Retry-After or problem+json",
                limitedWithoutRetryAfter.get());
        report.expect(other.get() == 0, "%d calls of the burst answered another 4xx", other.get());
        report.expect(duringBurst.size() == QUIET_CALLS, "the quiet partner lost %d calls",
                QUIET_CALLS - duringBurst.size());
        report.expect(burstP99 <= bound, "the quiet partner's p99 rose from %d ms to %d ms during the burst",
                aloneP99, burstP99);
        return report.sent(BURST + 2L * QUIET_CALLS).arrived(ok.get() + alone.size() + duringBurst.size())
                .refused(limited.get()).lost(lost.get() + (QUIET_CALLS - duringBurst.size())).duplicated(0).result();
    }

    /**
     * The gateway was just restarted with its limiter on: calls of partners of their own, past a user's
     * burst, so that what is measured next is the gateway's steady state (forwarded and refused
     * calls alike), not its first calls.
     */
    private static void warmUp(Api api) {
        for (int partner = 0; partner < WARM_UP_PARTNERS; partner++) {
            String token = api.token("warm-up", String.valueOf(WARM_UP_FIRST_PARTNER + partner), "REFERRALS_ADMIN");
            for (int call = 0; call < WARM_UP_CALLS; call++) {
                api.get(READ, token);
            }
        }
    }

    /** Latencies in ms of the quiet partner's paced reads that answered 200. */
    private static List<Long> quietReads(Api api, String token) throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < QUIET_CALLS; i++) {
            long started = System.nanoTime();
            Api.Response response = api.get(READ, token);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (response.status() == 200) {
                latencies.add(millis);
            }
            Thread.sleep(Math.max(0, QUIET_PACE.toMillis() - millis));
        }
        return latencies;
    }

    private static long p99(Collection<Long> latencies) {
        return percentile(latencies, 0.99);
    }

    private static long percentile(Collection<Long> latencies, double fraction) {
        if (latencies.isEmpty()) {
            return Long.MAX_VALUE;
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * fraction) - 1);
    }
}
