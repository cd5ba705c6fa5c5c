package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cosell.testidp.OpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's OpenID Connect sign-in through the real gateway: a real OpenID provider (Spring
 * Authorization Server in this JVM, {@link OpenIdProvider}), the packaged gateway and portal
 * jars as processes, and deal-service as a stub that records what the gateway forwards. A
 * browser-like HTTP client only ever talks to the gateway and the provider: the sign-in's redirect
 * URI ({@code /login/oauth2/code/cosell}) is the gateway's, the gateway checks the access token
 * (signature, issuer, {@code aud}, {@code partnerId}, roles) before deal-service sees it, and the
 * page shows what deal-service answered for the partner the token names.
 */
class PortalOidcThroughGatewayIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static OpenIdProvider provider;
    private static HttpServer dealService;
    private static final List<String> forwardedAuthorizations = new CopyOnWriteArrayList<>();
    private static final List<Process> processes = new ArrayList<>();
    private static final List<String> output = new CopyOnWriteArrayList<>();
    private static int gatewayPort;

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void startProviderGatewayAndPortal() throws Exception {
        provider = OpenIdProvider.start();
        dealService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dealService.createContext("/api/opportunities", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                forwardedAuthorizations.add(String.valueOf(authorization));
                byte[] body = opportunities(partnerIdOf(authorization)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        dealService.start();

        gatewayPort = freePort();
        int gatewayManagementPort = freePort();
        int portalPort = freePort();
        int portalManagementPort = freePort();
        Map<String, String> gateway = common(gatewayPort, gatewayManagementPort);
        gateway.put("DEV_AUTH_ENABLED", "false");
        gateway.put("JWT_ISSUER_URI", provider.issuer());
        gateway.put("JWT_JWK_SET_URI", provider.issuer() + "/oauth2/jwks");
        gateway.put("DEAL_SERVICE_URI", "http://127.0.0.1:" + dealService.getAddress().getPort());
        gateway.put("PORTAL_URL", "http://127.0.0.1:" + portalPort);
        gateway.put("API_DOCS_ENABLED", "false");
        Map<String, String> portal = common(portalPort, portalManagementPort);
        portal.put("COSELL_API_URL", "http://127.0.0.1:" + gatewayPort);
        portal.put("DEV_SIGN_IN_ENABLED", "false");
        portal.put("OIDC_ISSUER_URI", provider.issuer());
        portal.put("OIDC_CLIENT_ID", OpenIdProvider.CLIENT_ID);
        portal.put("OIDC_CLIENT_SECRET", OpenIdProvider.CLIENT_SECRET);
        start("gateway", gateway);
        start("portal", portal);
        awaitReady(gatewayManagementPort);
        awaitReady(portalManagementPort);
    }

    @AfterAll
    static void stopEverything() {
        processes.forEach(Process::destroy);
        if (dealService != null) {
            dealService.stop(0);
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void signsInThroughTheGatewayAndThePageShowsWhatTheApiAnsweredForTheTokensPartner() throws Exception {
        HttpResponse<String> signInPage = get(gateway("/opportunities"));
        assertThat(signInPage.uri().toString()).isEqualTo(gateway("/sign-in"));
        HttpResponse<String> login = get(gateway(match(signInPage.body(), "<a class=\"button primary\" href=\"([^\"]+)\"")));
        assertThat(login.uri().toString()).isEqualTo(provider.issuer() + "/login");
        String form = Map.of("username", OpenIdProvider.USERNAME, "password", OpenIdProvider.PASSWORD,
                        "_csrf", match(login.body(), "name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\""))
                .entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        HttpResponse<String> page = follow(browser.send(page(URI.create(provider.issuer() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));

        assertThat(page.statusCode()).as(String.join("\n", output)).isEqualTo(200);
        assertThat(page.uri().toString()).isEqualTo(gateway("/opportunities"));
        assertThat(page.body()).contains("The deal of partner 4412345", "Ada Lovelace · 4412345");
        assertThat(forwardedAuthorizations).isNotEmpty().allSatisfy(authorization -> {
            assertThat(authorization).startsWith("Bearer ");
            assertThat(partnerIdOf(authorization)).isEqualTo("4412345");
        });
    }

    private static Map<String, String> common(int port, int managementPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", ""));
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        // plain http on 127.0.0.1: the session cookie without Secure, and no warnings about it
        environment.put("COSELL_LOCAL_MODE", "true");
        return environment;
    }

    private static void start(String name, Map<String, String> environment) throws IOException {
        Path jar = ComposeFile.REPOSITORY_ROOT.resolve(name).resolve("target").resolve(name + ".jar");
        assertThat(jar).as("the %s jar (built by `package`, before failsafe runs)", name).isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.add("[" + name + "] " + line));
            } catch (IOException e) {
                output.add("[" + name + "] (output closed)");
            }
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private static void awaitReady(int managementPort) {
        HttpClient probe = HttpClient.newHttpClient();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            assertThat(processes).as(String.join("\n", output)).allMatch(Process::isAlive);
            return probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return follow(browser.send(page(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        for (int hops = 0; response.statusCode() / 100 == 3; hops++) {
            assertThat(hops).as("redirects").isLessThan(10);
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = browser.send(page(next).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private static HttpRequest.Builder page(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml");
    }

    private static String gateway(String path) {
        return "http://127.0.0.1:" + gatewayPort + path;
    }

    private static String match(String html, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(html);
        assertThat(matcher.find()).as("%s in %s", regex, html).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    /** The {@code partnerId} of a bearer JWT the gateway let through (it checked the signature already). */
    private static String partnerIdOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String payload = new String(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        Matcher partnerId = Pattern.compile("\"partnerId\":\"([0-9]+)\"").matcher(payload);
        return partnerId.find() ? partnerId.group(1) : null;
    }

    private static String opportunities(String partnerId) {
        return """
                {"items":[{"id":"3f2b6c1e-8c1a-4d3e-9a57-0d4c2b1a9e10","partnerId":"%s","version":3,
                 "createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-11-21T10:00:00Z","referralId":"ref-1",
                 "sender":{"kind":"MICROSOFT","name":"Megan Bowen","email":"megan@microsoft.example"},
                 "origin":"INBOUND","type":"CO_SELL","stage":"ACCEPTED","name":"The deal of partner %s",
                 "estimatedValue":{"amount":"30000.00","currency":"USD"},"estimatedCloseDate":"2027-06-30",
                 "customer":{"name":"Contoso","address":{"city":"Milano","country":"IT"},"consentToShareContact":false},
                 "microsoftEngagement":{"status":"NONE"},"favorite":false}],"page":0,"size":20,"total":1}"""
                .formatted(partnerId, partnerId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
