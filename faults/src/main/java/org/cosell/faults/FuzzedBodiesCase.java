package org.cosell.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fuzzed bodies on every write endpoint, half through the gateway and half straight at the owning
 * service, eight at a time: no request, however malformed, may answer 5xx (docs/api.md). Counts answers
 * by status and keeps the first 5xx of each endpoint and mutation as evidence.
 */
final class FuzzedBodiesCase implements FaultCase {

    private static final String PARTNER = "7100004";
    private static final long SEED = Long.getLong("faults.fuzz.seed", 20261125L);
    private static final int CONCURRENCY = 8;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    /** A write endpoint with a valid body to start fuzzing from. */
    private record Endpoint(String service, String method, String path, String validBody, String contentType,
                            List<String> headers) {
    }

    @Override
    public String name() {
        return "fuzzed-bodies";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return Sizes.FUZZED_BODIES + " fuzzed bodies over the 9 write endpoints (gateway and direct): 0 x 5xx";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String admin = api.token("fuzz-admin", PARTNER, "MPN_PARTNER_ADMIN");
        List<Endpoint> endpoints = endpoints(stack, api, admin);
        BodyFuzzer fuzzer = new BodyFuzzer(SEED);
        Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, String> serverErrors = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<?>> requests = new ArrayList<>();
        for (int i = 0; i < Sizes.FUZZED_BODIES; i++) {
            Endpoint endpoint = endpoints.get(i % endpoints.size());
            Probe.Route route = (i / endpoints.size()) % 2 == 0 ? Probe.Route.GATEWAY : Probe.Route.DIRECT;
            requests.add(pool.submit(() -> {
                BodyFuzzer.Fuzzed fuzzed = fuzzer.fuzz(endpoint.validBody(), endpoint.contentType());
                int status = send(endpoint, route, admin, fuzzed);
                record(byStatus, serverErrors, endpoint, route, fuzzed, status);
                int count = done.incrementAndGet();
                if (count % 2_000 == 0) {
                    Progress.say("  ... %,d of %,d sent", count, Sizes.FUZZED_BODIES);
                }
            }));
        }
        try {
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        long failures = statuses.entrySet().stream().filter(entry -> entry.getKey() >= 500 || entry.getKey() == 0)
                .mapToLong(Map.Entry::getValue).sum();
        long accepted = statuses.entrySet().stream().filter(entry -> entry.getKey() >= 200 && entry.getKey() < 300)
                .mapToLong(Map.Entry::getValue).sum();
        report.note("answers by status: %s (seed %d)", statuses, SEED);
        report.expect(failures == 0, "%,d requests answered 5xx or nothing", failures);
        serverErrors.entrySet().stream().limit(12).forEach(error -> report.finding("5xx: %s -> %s", error.getKey(), error.getValue()));
        return report.sent(Sizes.FUZZED_BODIES).arrived(accepted).refused(Sizes.FUZZED_BODIES - accepted - failures).result();
    }

    private static void record(Map<Integer, LongAdder> byStatus, Map<String, String> serverErrors, Endpoint endpoint,
                               Probe.Route route, BodyFuzzer.Fuzzed fuzzed, int status) {
        byStatus.computeIfAbsent(status, any -> new LongAdder()).increment();
        if (status >= 500 || status == 0) {
            serverErrors.putIfAbsent(endpoint.method() + " " + endpoint.path() + " [" + fuzzed.mutation() + "]",
                    status + " via " + route + ", body starts " + preview(fuzzed.body()));
        }
    }

    private int send(Endpoint endpoint, Probe.Route route, String token, BodyFuzzer.Fuzzed fuzzed) {
        String base = route == Probe.Route.GATEWAY ? Api.GATEWAY
                : "http://localhost:" + Map.of(Stack.DEALS, 8081, Stack.REFERRALS, 8082, Stack.NOTIFICATIONS, 8083).get(endpoint.service());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + endpoint.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", fuzzed.contentType())
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(fuzzed.body()));
        for (int i = 0; i + 1 < endpoint.headers().size(); i += 2) {
            request.header(endpoint.headers().get(i), endpoint.headers().get(i + 1));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static List<Endpoint> endpoints(Stack stack, Api api, String admin) throws InterruptedException {
        List<String> referrals = SecurityWorld.offerReferrals(stack, admin, PARTNER, "FUZZ", 2, "Fuzz Customer");
        String deal = deal(api, admin);
        String json = "application/json";
        return List.of(
                new Endpoint(Stack.DEALS, "POST", "/api/deals",
                        api.write(Bodies.createDeal("Fuzz deal", "Fuzz Customer", "fuzz@partner-f.example")), json, List.of()),
                new Endpoint(Stack.DEALS, "PATCH", "/api/deals/" + deal,
                        api.write(Bodies.object("name", "Fuzz edit", "notes", "n", "estimatedValue", Bodies.money("5.00"))),
                        "application/merge-patch+json", List.of("If-Match", "*")),
                new Endpoint(Stack.DEALS, "POST", "/api/deals/" + deal(api, admin) + "/cosell-request",
                        api.write(Bodies.cosellRequest()), json, List.of()),
                new Endpoint(Stack.DEALS, "POST", "/api/deals/" + deal(api, admin) + "/won", api.write(Bodies.won()), json, List.of()),
                new Endpoint(Stack.DEALS, "POST", "/api/deals/" + deal(api, admin) + "/lost", api.write(Bodies.lost()), json, List.of()),
                new Endpoint(Stack.REFERRALS, "POST", "/api/referrals/" + referrals.get(0) + "/accept",
                        api.write(Bodies.accept("Fuzz accept", "fuzz@partner-f.example")), json, List.of()),
                new Endpoint(Stack.REFERRALS, "POST", "/api/referrals/" + referrals.get(1) + "/decline",
                        api.write(Bodies.decline()), json, List.of()),
                new Endpoint(Stack.DEALS, "POST", "/api/solutions", api.write(Bodies.solution("Fuzz Solution")), json, List.of()),
                new Endpoint(Stack.NOTIFICATIONS, "PUT", "/api/notification-settings",
                        api.write(Bodies.settings("fuzz@partner-f.example")), json, List.of()));
    }

    private static String deal(Api api, String admin) {
        Api.Response created = api.send("POST", Api.GATEWAY + "/api/deals", admin,
                api.write(Bodies.createDeal("Fuzz target", "Fuzz Customer", "fuzz@partner-f.example")));
        if (created.status() != 201) {
            throw new IllegalStateException("creating a deal to fuzz answered " + created.shortly());
        }
        return api.json(created).path("id").asString();
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return "\"" + text.replaceAll("\\p{Cntrl}", "?") + "\"" + (body.length > 120 ? " (" + body.length + " bytes)" : "");
    }
}
