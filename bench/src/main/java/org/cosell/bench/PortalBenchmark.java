package org.cosell.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The partner portal's two busiest pages with 10,000 opportunities for the signed-in partner: the
 * Opportunities list (Inbound, first page, with the four tabs' counts) and one opportunity's page,
 * each read by one signed-in browser-like client through the gateway, one request in flight, after
 * warming up; and what a first visit to the list downloads — the page and every stylesheet, script,
 * image and font it references (and the stylesheets reference), as sent to a browser that accepts
 * gzip.
 */
final class PortalBenchmark {

    static final String NAME = "portal";

    /** A partner of its own, so its 10,000 opportunities are all the list pages see. */
    static final String PARTNER_ID = "7700002";

    static final int OPPORTUNITIES = 10_000;
    private static final int WARM_UP_READS = 100;
    private static final int READS = 300;
    private static final double TARGET_P95_MS = 150;
    private static final double TARGET_FIRST_LOAD_KB = 150;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMinutes(5);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    static final Pattern HTML_ASSET = Pattern.compile(
            "<(?:link|script|img|source)\\b[^>]*?\\b(?:href|src)=\"([^\"]+)\"[^>]*>", Pattern.CASE_INSENSITIVE);
    static final Pattern CSS_ASSET = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

    private final BenchContext context;
    private final HttpClient browser = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    PortalBenchmark(BenchContext context) {
        this.context = context;
    }

    void run() throws Exception {
        Progress progress = context.progress();
        ResultsTable table = context.table();
        progress.accept(String.format(Locale.ROOT, "seeding %,d referrals for partner %s", OPPORTUNITIES, PARTNER_ID));
        List<UUID> opportunities = ReferralSeeder.seed("BENCH-" + context.runId() + "-portal-", PARTNER_ID, OPPORTUNITIES,
                progress);
        if (ConsumerLag.awaitCaughtUp(SETTLE, progress) == null) {
            table.add(Figure.failed(NAME, "seeding", "deal-service had not projected the referrals after " + SETTLE));
            return;
        }
        signIn();
        long stored = context.documents("cosell-deals", "opportunities");
        String volume = String.format(Locale.ROOT, "%,d for the partner, %,d stored; one client, gateway", OPPORTUNITIES, stored);

        URI list = CosellApi.GATEWAY.resolve("/opportunities");
        LatencyRecorder listLatency = read(list);
        URI one = CosellApi.GATEWAY.resolve("/opportunities/" + opportunities.get(opportunities.size() / 2));
        LatencyRecorder oneLatency = read(one);
        Map<String, LatencyRecorder> pages = new LinkedHashMap<>();
        pages.put("Opportunities page", listLatency);
        pages.put("opportunity page", oneLatency);
        for (Map.Entry<String, LatencyRecorder> page : pages.entrySet()) {
            table.add(Figure.info(NAME, page.getKey() + ", p50", page.getValue().percentile(50), "ms", volume));
            table.add(Figure.atMost(NAME, page.getKey() + ", p95", page.getValue().percentile(95), "ms", "",
                    TARGET_P95_MS, "<= 150 ms", volume));
        }

        Map<String, Long> firstLoad = firstLoad(list);
        long bytes = firstLoad.values().stream().mapToLong(Long::longValue).sum();
        table.add(Figure.atMost(NAME, "Opportunities page, first load", bytes / 1024.0, "KB", "", TARGET_FIRST_LOAD_KB,
                "<= 150 KB", firstLoad.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f KB", e.getKey(), e.getValue() / 1024.0))
                        .collect(Collectors.joining(", ", "", "; bodies as sent to a browser accepting gzip"))));
    }

    /** The dev sign-in form, as a person fills it in: the session cookie is the client's from then on. */
    private void signIn() throws IOException, InterruptedException {
        HttpResponse<String> form = send(HttpRequest.newBuilder(CosellApi.GATEWAY.resolve("/sign-in")).GET());
        Matcher csrf = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("GET /sign-in answered " + form.statusCode() + " without a sign-in form"
                    + " (is DEV_SIGN_IN_ENABLED on?)");
        }
        String body = formBody(Map.of("_csrf", csrf.group(1), "partnerId", PARTNER_ID, "name", "Bench",
                "email", "bench@fabrikam.example", "roles", "REFERRALS_ADMIN"));
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(CosellApi.GATEWAY.resolve("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("sign-in")) {
            throw new IllegalStateException("signing in answered " + signedIn.statusCode() + " " + location);
        }
    }

    private LatencyRecorder read(URI page) throws IOException, InterruptedException {
        HttpRequest request = page(page);
        for (int i = 0; i < WARM_UP_READS; i++) {
            expectOk(browser.send(request, HttpResponse.BodyHandlers.discarding()), page);
        }
        LatencyRecorder latency = new LatencyRecorder();
        for (int i = 0; i < READS; i++) {
            long sent = System.nanoTime();
            HttpResponse<Void> response = browser.send(request, HttpResponse.BodyHandlers.discarding());
            latency.recordNanos(System.nanoTime() - sent);
            expectOk(response, page);
        }
        context.progress().accept(String.format(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms", page.getPath(),
                latency.percentile(50), latency.percentile(95)));
        return latency;
    }

    /** Each resource of a first visit with the bytes of its body as sent, the page first. */
    private Map<String, Long> firstLoad(URI page) throws IOException, InterruptedException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        HttpResponse<byte[]> html = browser.send(page(page), HttpResponse.BodyHandlers.ofByteArray());
        expectOk(html, page);
        sizes.put(page.getPath(), (long) html.body().length);
        Set<URI> assets = new LinkedHashSet<>(references(page, decoded(html), HTML_ASSET));
        List<URI> queue = new ArrayList<>(assets);
        while (!queue.isEmpty()) {
            URI asset = queue.remove(0);
            HttpResponse<byte[]> response = browser.send(page(asset), HttpResponse.BodyHandlers.ofByteArray());
            expectOk(response, asset);
            sizes.put(asset.getPath(), (long) response.body().length);
            if (asset.getPath().endsWith(".css")) {
                for (URI nested : references(asset, decoded(response), CSS_ASSET)) {
                    if (assets.add(nested)) {
                        queue.add(nested);
                    }
                }
            }
        }
        return sizes;
    }

    static List<URI> references(URI base, String text, Pattern pattern) {
        List<URI> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String reference = matcher.group(1).replace("&amp;", "&");
            if (!reference.startsWith("data:") && !reference.startsWith("#")) {
                URI resolved = base.resolve(reference);
                if (resolved.getHost() != null && resolved.getHost().equals(base.getHost())) {
                    found.add(resolved);
                }
            }
        }
        return found;
    }

    /** The text of a body that may have come gzipped. */
    private static String decoded(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static HttpRequest page(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Accept-Encoding", "gzip")
                .header("Accept-Language", "en")
                .GET().build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(HttpResponse<?> response, URI uri) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri.getPath() + " answered " + response.statusCode());
        }
    }

    private static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
