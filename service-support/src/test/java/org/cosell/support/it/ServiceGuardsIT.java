package org.cosell.support.it;

import jakarta.servlet.http.HttpServletResponse;
import org.cosell.contracts.ProblemType;
import org.cosell.support.security.Caller;
import org.cosell.testsupport.ApiDocumentRules;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service gets from service-support, over real HTTP against a service-like application
 * with the shared defaults: the token rules (audience, roles, MPN partner id), the body cap, the
 * bound on concurrent API requests, actuator on the management port only, forwarded headers only
 * from trusted proxies, and problem+json from the error path. The test client (loopback) is not a
 * trusted proxy here, and at most two API requests are admitted at once.
 */
@CosellServiceTest
@TestPropertySource(properties = {
        "spring.config.import=classpath:cosell-service-defaults.yml",
        "spring.application.name=guarded-service",
        "management.server.port=0",
        "cosell.http.max-concurrent-requests=" + ServiceGuardsIT.MAX_CONCURRENT,
        "server.tomcat.remoteip.internal-proxies=10\\.99\\.99\\.99"})
class ServiceGuardsIT {

    static final int MAX_CONCURRENT = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestJwtIssuer TOKENS = TestJwtIssuer.get();
    private static final String PARTNER = "4400123";
    private static final int FIFTEEN_MB = 15 * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestUser user = TestUser.referralsAdmin(PARTNER);

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ProbeController.class)
    static class GuardedService {
    }

    /** Stands for a service's API: a read, a create that answers a {@code Location}, and a slow call. */
    @RestController
    static class ProbeController {

        static volatile CountDownLatch release = new CountDownLatch(0);
        static final AtomicInteger inside = new AtomicInteger();
        static final AtomicInteger finished = new AtomicInteger();

        @GetMapping("/api/me")
        Map<String, Object> me(Caller caller) {
            return Map.of("partnerId", caller.partnerId());
        }

        @PostMapping("/api/things")
        ResponseEntity<Map<String, Object>> create(@RequestBody List<Map<String, Object>> things) {
            URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(UUID.randomUUID()).toUri();
            return ResponseEntity.created(location).body(Map.of("count", things.size()));
        }

        /** A request the servlet container ends in an error, which it forwards to the error path. */
        @GetMapping("/api/teapot")
        void teapot(HttpServletResponse response) throws IOException {
            response.sendError(418, "internal detail that must not leak");
        }

        @GetMapping("/api/slow")
        String slow() throws InterruptedException {
            inside.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
                return "done";
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    @Test
    void aTokenMustNameTheApisAudience() throws Exception {
        assertThat(get("/api/me", TOKENS.token(user)).statusCode()).isEqualTo(200);

        for (String token : List.of(TOKENS.tokenWithoutAudience(user), TOKENS.tokenForAudience(user, "another-api"))) {
            HttpResponse<String> refused = get("/api/me", token);

            assertProblem(refused, 401);
            assertThat(refused.body()).doesNotContainIgnoringCase("aud").doesNotContain("Jwt").doesNotContain("another-api");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void anApiCallNeedsACosellRole() throws Exception {
        TestUser noRoles = new TestUser("nobody", PARTNER, List.of(), "nobody@example.com", "Nobody");
        TestUser unknownRoles = new TestUser("stranger", PARTNER, List.of("ADMIN", "ROLE_MPN_PARTNER_ADMIN"),
                "stranger@example.com", "Stranger");

        assertProblem(get("/api/me", TOKENS.token(noRoles)), 403);
        assertProblem(get("/api/me", TOKENS.token(unknownRoles)), 403);
        assertThat(get("/api/me", TOKENS.token(TestUser.partnerAdmin(PARTNER))).statusCode()).isEqualTo(200);
    }

    @Test
    void thePartnerIdMustBeAnMpnId() throws Exception {
        for (String partnerId : List.of("P123", "", "12a", "123456789012345678901", "-1")) {
            TestUser notMpn = new TestUser("someone", partnerId, List.of(TestUser.MPN_PARTNER_ADMIN), "x@example.com", "X");
            assertProblem(get("/api/me", TOKENS.token(notMpn)), 401);
        }
        assertThat(JSON.readTree(get("/api/me", TOKENS.token(user)).body()).get("partnerId").asString()).isEqualTo(PARTNER);
    }

    @Test
    void aBodyLargerThanTheCapIsRefusedWith413AndTheServiceCarriesOn() throws Exception {
        byte[] emptyObjects = emptyObjects(FIFTEEN_MB);

        HttpResponse<String> declared = send(post("/api/things").POST(HttpRequest.BodyPublishers.ofByteArray(emptyObjects)));
        HttpResponse<String> chunked = send(post("/api/things")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(emptyObjects))));

        assertProblem(declared, 413);
        assertProblem(chunked, 413);
        assertThat(chunked.headers().firstValue("Connection")).hasValue("close");
        HttpResponse<String> fullyRead = send(post("/api/things")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("[{}]".getBytes(StandardCharsets.US_ASCII)))));
        assertThat(fullyRead.statusCode()).isEqualTo(201);
        assertThat(fullyRead.headers().firstValue("Connection")).isEmpty();
        assertThat(get("/api/me", TOKENS.token(user)).headers().firstValue("Connection")).isEmpty();
        HttpResponse<String> small = send(post("/api/things").POST(HttpRequest.BodyPublishers.ofByteArray(emptyObjects(1_000))));
        assertThat(small.statusCode()).isEqualTo(201);
        assertThat(get("/api/me", TOKENS.token(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyNestedTooDeeplyIsA400() throws Exception {
        String deep = "[" + "{\"a\":[".repeat(200) + "]}".repeat(200) + "]";

        assertProblem(send(post("/api/things").POST(HttpRequest.BodyPublishers.ofString(deep))), 400);
    }

    @Test
    void actuatorAnswersOnlyOnTheManagementPortWithoutAToken() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/prometheus", "/actuator/info")) {
            assertThat(get(managementPort, path, null).statusCode()).as(path).isEqualTo(200);
            HttpResponse<String> onTheApiPort = get(path, TOKENS.token(user));
            assertThat(onTheApiPort.statusCode()).as(path).isEqualTo(404);
            assertThat(onTheApiPort.body()).as(path).doesNotContain("UP", "jvm_");
            assertProblem(get(path, null), 401);
        }
        assertThat(get(managementPort, "/actuator/prometheus", null).body())
                .contains("resilience4j_bulkhead_max_allowed_concurrent_calls{name=\"api\"} " + MAX_CONCURRENT + ".0");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressChangeNoLink() throws Exception {
        HttpRequest.Builder forged = post("/api/things").POST(HttpRequest.BodyPublishers.ofString("[{}]"))
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443").header("Forwarded", "host=evil.example;proto=https");

        HttpResponse<String> created = send(forged);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("http://localhost:" + port + "/api/things/"));
        HttpResponse<String> apiDocs = send(HttpRequest.newBuilder(uri(port, "/v3/api-docs"))
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https").GET());
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(apiDocs.body()).at("/servers/0/url").asString()).as(apiDocs.body()).isEqualTo("http://localhost:" + port);
    }

    @Test
    void theOpenApiDocumentIsOneAClientCanBeGeneratedFrom() throws Exception {
        HttpResponse<String> apiDocs = get("/v3/api-docs", null);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(apiDocs.body());

        ApiDocumentRules.assertClientReady(document);
        JsonNode me = document.at("/paths/~1api~1me/get");
        assertThat(me.path("parameters").isEmpty()).as("the caller is no parameter: %s", me).isTrue();
        assertThat(me.path("responses").propertyNames()).containsExactlyInAnyOrder("200", "401", "403", "429", "503");
        JsonNode create = document.at("/paths/~1api~1things/post");
        assertThat(create.at("/requestBody/content/application~1json/example/0/name").asString()).isEqualTo("a thing");
        assertThat(create.path("responses").propertyNames()).contains("400", "413", "415").doesNotContain("404", "409");
        assertThat(create.at("/responses/400/description").asString()).contains(ProblemType.VALIDATION.uri().toString());
    }

    @Test
    void theErrorPathAnswersProblemJsonWhoeverCallsIt() throws Exception {
        assertProblem(get("/error", null), 404);
        assertProblem(get("/error", TOKENS.token(user)), 404);
        assertProblem(send(HttpRequest.newBuilder(uri(port, "/error")).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("x"))), 404);
        assertProblem(get(managementPort, "/error", null), 404);
        assertThat(get("/error", null).body()).doesNotContain("timestamp", "trace", "Whitelabel");

        HttpResponse<String> forwarded = get("/api/teapot", TOKENS.token(user));
        assertProblem(forwarded, 418);
        assertThat(forwarded.body()).doesNotContain("internal detail", "timestamp");
    }

    @Test
    void requestsBeyondTheBoundAreRefusedAtOnceWith503AndTheAdmittedOnesFinish() throws Exception {
        ProbeController.release = new CountDownLatch(1);
        ProbeController.inside.set(0);
        ProbeController.finished.set(0);
        String token = TOKENS.token(user);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONCURRENT; i++) {
                calls.add(getAsync("/api/slow", token));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ProbeController.inside.get() == MAX_CONCURRENT);

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> refused = get("/api/slow", token);
                assertProblem(refused, 503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            }
            assertThat(ProbeController.inside.get()).isEqualTo(MAX_CONCURRENT);
            assertThat(ProbeController.finished.get()).isZero();
        } finally {
            ProbeController.release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> admitted = call.get(10, TimeUnit.SECONDS);
            assertThat(admitted.statusCode()).isEqualTo(200);
            assertThat(admitted.body()).isEqualTo("done");
        }
        assertThat(get("/api/me", token).statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/prometheus", null).body())
                .containsPattern("cosell_http_requests_refused_total\\{[^}]*reason=\"overload\"[^}]*} [3-9]");
    }

    private static byte[] emptyObjects(int size) {
        StringBuilder body = new StringBuilder(size + 4).append('[');
        while (body.length() < size) {
            body.append("{},");
        }
        body.append("{}]");
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        // a problem of about:blank, the RFC's default, leaves the member out
        assertThat(problem.path("type").asString("about:blank")).as("the type of a %s problem", status)
                .isEqualTo(ProblemType.forStatus(status).map(type -> type.uri().toString()).orElse("about:blank"));
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(port, path)).header("Authorization", TOKENS.bearer(user))
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return get(port, path, token);
    }

    private HttpResponse<String> get(int targetPort, String path, String token) throws Exception {
        return send(request(targetPort, path, token));
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path, String token) {
        return http.sendAsync(request(port, path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int targetPort, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(targetPort, path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int targetPort, String path) {
        return URI.create("http://localhost:" + targetPort + path);
    }
}
