package org.cosell.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.cosell.stack.JavaCommand;

/**
 * A burst of 1,000 reads of the notification settings as one partner (20 of its users, 200 calls in
 * flight) through the gateway, sent by a process of its own at the lowest CPU priority (the busy
 * partner's client runs on its own machines, not on the stack's two cores), while another partner
 * reads at a steady 10 per second: the busy partner is refused 429 with
 * {@code Retry-After} once past its rate limit, no call is lost or answered 5xx, and the quiet
 * partner's p99 stays under twice its p99 without the burst (or within 25 ms of it, where that is a
 * few milliseconds and scheduling noise on a small machine would dominate).
 *
 * <p>Nothing is measured before the gateway (just restarted with its limiter on) and the busy
 * partner's client are warm: 250 other partners first make 10,000 forwarded calls within their limits,
 * the client process then sends the same burst {@code faults.ratelimit.warm-up-bursts} times (10) as a
 * partner of its own and waits to be told to go, which it is once the gateway and notification-service
 * (which answers the reads; both run as in production here) have used at most 100 ms of CPU together in
 * two seconds: their JIT compilers are done with what the warm-up made hot.
 * Without that, the burst met a gateway whose optimizing compiler was still at work on the paths of a
 * burst and a client JVM starting up: on two cores that was about 2 of the gateway's 4.7 CPU seconds
 * and 3.3 more of the client's while the burst lasted.
 */
final class RateLimitCase implements FaultCase {

    private static final String BUSY_PARTNER = "7100041";
    private static final String QUIET_PARTNER = "7100042";
    private static final int BURST = Integer.getInteger("faults.ratelimit.burst", 1_000);
    private static final int IN_FLIGHT = 200;
    private static final int QUIET_CALLS = 100;
    private static final Duration QUIET_PACE = Duration.ofMillis(100);
    private static final int WARM_UP_FIRST_PARTNER = 7110000;
    /**
     * Forwarded calls before anything is measured: C2 compiles what runs once per call only after
     * thousands of calls, and 1,000 left much of the forwarding path in C1's code: the compilers of the
     * gateway and notification-service then worked 2.3-2.8 s between them while a burst of 1.2-1.8 s
     * lasted, on two cores.
     */
    private static final int WARM_UP_PARTNERS = 250;
    /** Each within one user's burst (40), so that every warm-up call is forwarded. */
    private static final int WARM_UP_CALLS = 40;
    private static final int WARM_UP_IN_FLIGHT = 8;
    private static final String WARM_UP_BURST_PARTNER = "7100049";
    private static final int WARM_UP_BURSTS = Integer.getInteger("faults.ratelimit.warm-up-bursts", 10);
    /**
     * The gateway and notification-service count as settled once they used at most {@link #IDLE_CPU} of CPU
     * together in this long: their compilers' total time grows only as each compilation ends, so it stood
     * still for seconds while C2 worked through a long queue, which it then finished during the burst.
     */
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(2);
    private static final Duration IDLE_CPU = Duration.ofMillis(100);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern COMPILATION_MILLIS = Pattern.compile(
            "^jvm_compilation_time_ms_total(?:\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
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

        List<String> warmUpUsers = IntStream.range(0, 20)
                .mapToObj(i -> api.token("warm-up-" + i, WARM_UP_BURST_PARTNER, "REFERRALS_ADMIN")).toList();

        warmUp(api);
        Process burst = new ProcessBuilder(burstCommand(stack.suiteJar(), busyUsers, warmUpUsers))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ExecutorService quietClient = Executors.newSingleThreadExecutor();
        long ok = 0;
        long limited = 0;
        long limitedWithoutRetryAfter = 0;
        long lost = 0;
        long other = 0;
        List<Long> forwardedLatencies = new ArrayList<>();
        List<Long> refusedLatencies = new ArrayList<>();
        List<Long> alone;
        List<Long> duringBurst;
        List<Long> warmUpMillis = new ArrayList<>();
        long burstMillis = -1;
        long compilingDuringBurst = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(burst.getInputStream(),
                StandardCharsets.UTF_8));
                Writer go = new OutputStreamWriter(burst.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); !"ready".equals(line); line = lines.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("the busy partner's process ended before its warm-up bursts were done");
                }
                warmUpMillis.add(Long.parseLong(line.substring("warm ".length())));
            }
            // what the warm-up bursts made hot is compiled before anything is measured, where the calls go
            ServiceNode gateway = stack.service(Stack.GATEWAY);
            ServiceNode notifications = stack.service(Stack.NOTIFICATIONS);
            awaitIdle(gateway, notifications);
            quietApi.get(READ, quiet);
            alone = quietReads(quietApi, quiet);
            long compilingBefore = compilationMillis(api, gateway) + compilationMillis(api, notifications);
            Future<List<Long>> quietDuringBurst = quietClient.submit(() -> quietReads(quietApi, quiet));
            go.write("go\n");
            go.flush();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] words = line.split(" ");
                if (words[0].equals("took")) {
                    burstMillis = Long.parseLong(words[1]);
                    continue;
                }
                int status = Integer.parseInt(words[1]);
                long millis = Long.parseLong(words[2]);
                if (status == 200) {
                    ok++;
                    forwardedLatencies.add(millis);
                } else if (status == 429) {
                    limited++;
                    refusedLatencies.add(millis);
                    if (words[3].equals("0")) {
                        limitedWithoutRetryAfter++;
                    }
                } else if (status == 0 || status >= 500) {
                    lost++;
                } else {
                    other++;
                }
            }
            compilingDuringBurst = compilationMillis(api, gateway) + compilationMillis(api, notifications)
                    - compilingBefore;
            if (burst.waitFor() != 0) {
                throw new IllegalStateException("the busy partner's process ended with " + burst.exitValue());
            }
            duringBurst = quietDuringBurst.get();
        } finally {
            quietClient.shutdownNow();
            burst.destroy();
        }
        long aloneP99 = p99(alone);
        long unanswered = BURST - (ok + limited + lost + other);
        long burstP99 = p99(duringBurst);
        long bound = Math.max(2 * aloneP99, aloneP99 + 25);
        report.note("busy partner: %d calls, %d answered 200, %d refused 429, %d other 4xx, %d lost or 5xx",
                BURST, ok, limited, other, lost + unanswered);
        report.note("%d warm-up bursts of %,d calls as partner %s took %s ms", WARM_UP_BURSTS, BURST,
                WARM_UP_BURST_PARTNER, warmUpMillis);
        report.note("the burst took %,d ms; its forwarded calls p50 %d ms, p99 %d ms; its refused calls p50 %d ms, p99 %d ms",
                burstMillis, percentile(forwardedLatencies, 0.5), p99(forwardedLatencies),
                percentile(refusedLatencies, 0.5), p99(refusedLatencies));
        report.note("the JIT compilers of the gateway and notification-service worked %,d ms while the burst lasted",
                compilingDuringBurst);
        report.note("quiet partner p99: %d ms alone, %d ms during the burst (bound %d ms); its slowest during the burst: %s",
                aloneP99, burstP99, bound, duringBurst.stream().sorted(Collections.reverseOrder()).limit(5).toList());
        report.expect(limited > 0, "no call of the burst was refused 429");
        report.expect(limitedWithoutRetryAfter == 0, "%d refusals without Retry-After or problem+json",
                limitedWithoutRetryAfter);
        report.expect(other == 0, "%d calls of the burst answered another 4xx", other);
        report.expect(duringBurst.size() == QUIET_CALLS, "the quiet partner lost %d calls",
                QUIET_CALLS - duringBurst.size());
        report.expect(burstP99 <= bound, "the quiet partner's p99 rose from %d ms to %d ms during the burst",
                aloneP99, burstP99);
        return report.sent(BURST + 2L * QUIET_CALLS).arrived(ok + alone.size() + duringBurst.size())
                .refused(limited).lost(lost + unanswered + (QUIET_CALLS - duringBurst.size())).duplicated(0).result();
    }

    /**
     * The busy partner as a process of its own ({@link Burst}), at the lowest CPU priority where
     * {@code nice} exists: its client's work is the busy partner's, not the stack's.
     */
    private static List<String> burstCommand(Path suiteJar, List<String> tokens, List<String> warmUpTokens) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "19"));
        }
        command.addAll(JavaCommand.of(List.of("-Xmx256m"), suiteJar, "burst", READ, String.valueOf(BURST),
                String.valueOf(IN_FLIGHT), String.join(",", tokens), String.valueOf(WARM_UP_BURSTS),
                String.join(",", warmUpTokens)));
        return command;
    }

    /**
     * Polls every {@link #IDLE_WINDOW} until the services used at most {@link #IDLE_CPU} of CPU since the
     * poll before; the first poll only takes the baseline.
     */
    private static void awaitIdle(ServiceNode... services) throws InterruptedException {
        Duration[] lastPoll = { null };
        Await.until(IDLE_TIMEOUT, IDLE_WINDOW, () -> "the gateway and notification-service still busy", () -> {
            Duration now = cpuTime(services);
            boolean idle = lastPoll[0] != null && now.minus(lastPoll[0]).compareTo(IDLE_CPU) <= 0;
            lastPoll[0] = now;
            return idle;
        });
    }

    private static Duration cpuTime(ServiceNode... services) {
        return Arrays.stream(services).map(ServiceNode::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    /** How long the gateway's JIT compilers have worked so far (Micrometer's JVM metrics); -1 while it does not say. */
    private static long compilationMillis(Api api, ServiceNode gateway) {
        try {
            Matcher total = COMPILATION_MILLIS.matcher(api.get(gateway.managementUrl() + "/actuator/prometheus", null).body());
            return total.find() ? (long) Double.parseDouble(total.group(1)) : -1;
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }

    /**
     * The gateway was just restarted with its limiter on: 10,000 forwarded calls of partners of their
     * own, each within its limits, so that what is measured next meets the forwarding path compiled
     * by C2, as in a gateway that has served for a while; the busy partner's warm-up bursts then do the
     * same for refusals. A warm-up partner whose calls were refused would not warm what is measured.
     */
    private static void warmUp(Api api) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(WARM_UP_IN_FLIGHT);
        try {
            List<Future<Long>> refused = new ArrayList<>();
            for (int partner = 0; partner < WARM_UP_PARTNERS; partner++) {
                String token = api.token("warm-up", String.valueOf(WARM_UP_FIRST_PARTNER + partner), "REFERRALS_ADMIN");
                refused.add(callers.submit(() -> IntStream.range(0, WARM_UP_CALLS)
                        .filter(call -> api.get(READ, token).status() != 200).count()));
            }
            long notForwarded = 0;
            for (Future<Long> partner : refused) {
                notForwarded += partner.get();
            }
            if (notForwarded > 0) {
                throw new IllegalStateException(notForwarded + " warm-up calls were not answered 200");
            }
        } finally {
            callers.shutdownNow();
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
