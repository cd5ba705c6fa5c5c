package org.cosell.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.cosell.gateway.devauth.DevTokenResponse;
import org.cosell.gateway.server.RawHttpConnection;
import org.cosell.tracing.OtlpCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The gateway as the local launcher runs it: it issues its own tokens and trusts only those. Rate
 * limiting is off here (IdentityProviderGatewayIT tests it), so bursts measure the routing alone; the
 * test client, on loopback, is a trusted proxy. {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector
 * stand-in, which the recorded spans reach within a tenth of a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cosell.dev-auth.enabled=true", "cosell.downstream.timeout=3s", "cosell.rate-limit.enabled=false",
                "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureWebTestClient
class DevAuthGatewayIT {

    static final DownstreamStub dealService = DownstreamStub.start("deal-service");

    static final DownstreamStub referralService = DownstreamStub.start("referral-service");

    static final DownstreamStub notificationService = DownstreamStub.start("notification-service");

    static final DownstreamStub expiryScheduler = DownstreamStub.start("expiry-scheduler");

    static final DownstreamStub portal = DownstreamStub.start("portal");

    static final Map<String, DownstreamStub> services = Map.of("deal-service", dealService,
            "referral-service", referralService, "notification-service", notificationService,
            "expiry-scheduler", expiryScheduler, "portal", portal);

    static final OtlpCollector collector = OtlpCollector.start();

    @DynamicPropertySource
    static void downstreamServices(DynamicPropertyRegistry registry) {
        services.forEach((name, stub) -> registry.add("cosell.services." + name, stub::uri));
        registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", collector::address);
    }

    @AfterAll
    static void stopServices() {
        services.values().forEach(DownstreamStub::close);
        collector.close();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    RSAKey devSigningKey;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/opportunities, deal-service",
            "/api/opportunities/4f1c/favorite, deal-service",
            "/api/deals, deal-service",
            "/api/deals/4f1c/won, deal-service",
            "/api/customers, deal-service",
            "/api/customers/search, deal-service",
            "/api/solutions, deal-service",
            "/api/solutions/s-1, deal-service",
            "/api/contacts, deal-service",
            "/api/contacts/recent, deal-service",
            "/api/insights, deal-service",
            "/api/insights/partner, deal-service",
            "/api/referrals, referral-service",
            "/api/referrals/r-1/accept, referral-service",
            "/api/notification-settings, notification-service",
            "/api/notification-settings/x, notification-service",
            "/api/notifications, notification-service",
            "/api/notifications/n-1, notification-service" })
    void routesEachApiPathToItsServiceWithTheTokenUnchanged(String path, String service) {
        String token = devToken();

        client.get().uri(path).headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo(service)
                .jsonPath("$.path").isEqualTo(path);

        assertThat(services.get(service).lastRequestTo(path).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + token);
    }

    /**
     * The second request arrives while the first is being answered, so Reactor Netty queues it, and the
     * security chain refuses it at once (no token): the connection must still be read for the third.
     */
    @Test
    void keepsReadingAConnectionAfterARequestThatWaitedBehindAnotherWasRefusedAtOnce() throws IOException {
        String slowPath = "/api/notifications/answered-slowly";
        notificationService.delayResponsesTo(slowPath, Duration.ofMillis(300));
        String token = devToken();
        try (RawHttpConnection connection = new RawHttpConnection(port, Duration.ofSeconds(5))) {
            connection.send(RawHttpConnection.get(slowPath, token), RawHttpConnection.get("/api/deals", null));
            assertThat(connection.readAnswer()).startsWith("HTTP/1.1 200");
            assertThat(connection.readAnswer()).startsWith("HTTP/1.1 401");

            connection.send(RawHttpConnection.get("/api/deals", token));
            assertThat(connection.readAnswer()).startsWith("HTTP/1.1 200");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/opportunities", "/opportunities/4f1c", "/deals/new", "/insights", "/settings",
            "/sign-in", "/sign-out", "/assets/portal.css", "/assets/webjars/htmx.org/dist/htmx.min.js",
            "/login/oauth2/code/entra", "/oauth2/authorization/entra" })
    void routesThePortalsPagesToItWithoutAToken(String path) {
        client.get().uri(path)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("portal")
                .jsonPath("$.path").isEqualTo(path);
    }

    @Test
    void passesThePortalsSessionCookieBothWays() {
        portal.respondWith("/opportunities/4f1c/favorite", new DownstreamStub.CannedResponse(302,
                Map.of("Location", "/opportunities", "Set-Cookie", "COSELL_SESSION=s2; Path=/; HttpOnly; SameSite=Lax"), ""));

        client.post().uri("/opportunities/4f1c/favorite").cookie("COSELL_SESSION", "s1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("favorite=true&_csrf=t")
                .exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.SET_COOKIE, "COSELL_SESSION=s2; Path=/; HttpOnly; SameSite=Lax");

        DownstreamStub.RecordedRequest sent = portal.lastRequestTo("/opportunities/4f1c/favorite");
        assertThat(sent.header(HttpHeaders.COOKIE)).isEqualTo("COSELL_SESSION=s1");
        assertThat(sent.body()).isEqualTo("favorite=true&_csrf=t");
    }

    @Test
    void leavesItsOwnSwaggerUiAndTheApiToItself() {
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        client.get().uri("/api/opportunities").exchange().expectStatus().isUnauthorized();
        client.get().uri("/webjars/htmx.org/dist/htmx.min.js").exchange().expectStatus().isUnauthorized();
        assertThat(portal.lastRequestTo("/swagger-ui/index.html")).isNull();
        assertThat(portal.lastRequestTo("/webjars/htmx.org/dist/htmx.min.js")).isNull();
    }

    @Test
    void forwardsMethodQueryAndBody() {
        String body = """
                {"name":"Contoso rollout","estimatedValue":{"amount":"25000.00","currency":"USD"}}""";

        client.post().uri("/api/deals?dryRun=true")
                .headers(headers -> headers.setBearerAuth(devToken()))
                .header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk();

        DownstreamStub.RecordedRequest forwarded = dealService.lastRequestTo("/api/deals");
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.query()).isEqualTo("dryRun=true");
        assertThat(forwarded.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(forwarded.body()).isEqualTo(body);
    }

    /** Whether the caller's trace records spans ({@code 01}) or not ({@code 00}), its ids reach the service. */
    @ParameterizedTest
    @ValueSource(strings = { "01", "00" })
    void propagatesTheCallersW3cTraceContextToServices(String sampled) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String path = "/api/opportunities/traced-" + sampled;

        client.get().uri(path)
                .headers(headers -> headers.setBearerAuth(devToken()))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-" + sampled)
                .exchange()
                .expectStatus().isOk();

        assertThat(dealService.lastRequestTo(path).header("traceparent"))
                .matches("00-" + traceId + "-[0-9a-f]{16}-" + sampled)
                .doesNotContain("b7ad6b7169203331");
    }

    /**
     * One trace from the caller through the gateway to the service: the gateway's spans of a sampled
     * call go to the collector under the caller's trace id, the one the service is handed too; the
     * spans of a call the caller did not sample go nowhere.
     */
    @Test
    void exportsTheSpansOfTheCallersSampledTraceToTheCollector() {
        String unsampledTraceId = "5c8f2e3a9b1d4c6e8f0a2b4c6d8e0f1a";
        String sampledTraceId = "7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a";
        for (String traceparent : List.of("00-" + unsampledTraceId + "-b7ad6b7169203331-00",
                "00-" + sampledTraceId + "-b7ad6b7169203331-01")) {
            client.get().uri("/api/referrals/exported")
                    .headers(headers -> headers.setBearerAuth(devToken()))
                    .header("traceparent", traceparent)
                    .exchange()
                    .expectStatus().isOk();
        }

        assertThat(referralService.lastRequestTo("/api/referrals/exported").header("traceparent"))
                .matches("00-" + sampledTraceId + "-[0-9a-f]{16}-01");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(collector.exports())
                .anySatisfy(export -> {
                    assertThat(export.path()).isEqualTo("/v1/traces");
                    assertThat(export.containsTraceId(sampledTraceId)).isTrue();
                    assertThat(export.containsText("gateway")).as("the service name").isTrue();
                }));
        // spans are exported in the order they end: the unsampled call's would have come first
        assertThat(collector.exports()).noneMatch(export -> export.containsTraceId(unsampledTraceId));
    }

    @Test
    void startsATraceWhenTheCallerSendsNone() {
        String path = "/api/opportunities/untraced";

        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken())).exchange().expectStatus().isOk();

        assertThat(dealService.lastRequestTo(path).header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    enum RejectedToken {
        MISSING, MALFORMED, FORGED_WITH_ANOTHER_KEY, EXPIRED, UNSIGNED_ALG_NONE, FROM_ANOTHER_ISSUER,
        WITHOUT_AUDIENCE, FOR_ANOTHER_AUDIENCE, WITHOUT_PARTNER, PARTNER_NOT_AN_MPN_ID
    }

    @ParameterizedTest
    @EnumSource(RejectedToken.class)
    void rejectsRequestsWithoutAValidTokenWith401Problem(RejectedToken rejected) {
        String path = "/api/opportunities/rejected-" + rejected;
        String authorization = authorizationFor(rejected);

        client.get().uri(path)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer"))
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo(expectedDetail(rejected));

        assertThat(dealService.lastRequestTo(path)).isNull();
    }

    /** A few fixed texts: never what the decoder said about the token. */
    private static String expectedDetail(RejectedToken rejected) {
        return switch (rejected) {
            case MISSING -> "A bearer token is required in the Authorization header";
            case EXPIRED -> "The bearer token has expired; get a new one";
            default -> "The bearer token was rejected: it is not a token of the trusted issuer for this API "
                    + "(signature, issuer, audience) or does not name a partner";
        };
    }

    @Test
    void refusesAnApiCallWithoutACosellRoleWith403ProblemBeforeTheService() {
        String path = "/api/opportunities/no-roles";
        String token = devToken("user-9", "4400009");
        String withoutRoles = client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"sub":"user-9","partnerId":"4400009","roles":[]}""")
                .exchange()
                .expectBody(DevTokenResponse.class).returnResult().getResponseBody().token();

        client.get().uri(path).headers(headers -> headers.setBearerAuth(withoutRoles))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").isEqualTo("The token's roles do not allow this call");
        assertThat(dealService.lastRequestTo(path)).isNull();

        client.get().uri(path).headers(headers -> headers.setBearerAuth(token)).exchange().expectStatus().isOk();
    }

    private String authorizationFor(RejectedToken rejected) {
        Instant now = Instant.now();
        return switch (rejected) {
            case MISSING -> null;
            case MALFORMED -> "Bearer not-a-jwt";
            case FORGED_WITH_ANOTHER_KEY -> "Bearer " + TestTokens.signed(TestTokens.newRsaKey(devSigningKey.getKeyID()),
                    TestTokens.claims("cosell-local", now, Duration.ofHours(1)));
            case EXPIRED -> "Bearer " + TestTokens.signed(devSigningKey,
                    TestTokens.claims("cosell-local", now.minus(Duration.ofHours(9)), Duration.ofHours(8)));
            case UNSIGNED_ALG_NONE -> "Bearer " + TestTokens.unsigned(TestTokens.claims("cosell-local", now, Duration.ofHours(1)));
            case FROM_ANOTHER_ISSUER -> "Bearer " + TestTokens.signed(devSigningKey,
                    TestTokens.claims("https://elsewhere.example", now, Duration.ofHours(1)));
            case WITHOUT_AUDIENCE -> "Bearer " + TestTokens.signed(devSigningKey,
                    TestTokens.builder("cosell-local", now, Duration.ofHours(1)).audience((String) null).build());
            case FOR_ANOTHER_AUDIENCE -> "Bearer " + TestTokens.signed(devSigningKey,
                    TestTokens.builder("cosell-local", now, Duration.ofHours(1)).audience("billing-api").build());
            case WITHOUT_PARTNER -> "Bearer " + TestTokens.signed(devSigningKey,
                    TestTokens.builder("cosell-local", now, Duration.ofHours(1)).claim("partnerId", null).build());
            case PARTNER_NOT_AN_MPN_ID -> "Bearer " + TestTokens.signed(devSigningKey,
                    TestTokens.builder("cosell-local", now, Duration.ofHours(1)).claim("partnerId", "partner-1").build());
        };
    }

    @Test
    void issuesAnRs256DevTokenVerifiableWithThePublishedKeySet() throws ParseException, JOSEException {
        String token = client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"sub":"user-7","partnerId":"4400007","roles":["MPN_PARTNER_ADMIN","REFERRALS_ADMIN"],
                         "email":"ada@contoso.example","name":"Ada"}""")
                .exchange()
                .expectStatus().isOk()
                .expectBody(DevTokenResponse.class).returnResult().getResponseBody().token();
        String jwks = client.get().uri("/dev/jwks.json")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey publishedKey = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
        assertThat(publishedKey.isPrivate()).isFalse();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(publishedKey.getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(publishedKey))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("user-7");
        assertThat(claims.getStringClaim("partnerId")).isEqualTo("4400007");
        assertThat(claims.getAudience()).containsExactly("cosell-api");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MPN_PARTNER_ADMIN", "REFERRALS_ADMIN");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@contoso.example");
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada");
        assertThat(claims.getIssuer()).isEqualTo("cosell-local");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"partnerId":"4412345"}                                          | sub
            {"sub":" ","partnerId":"4412345"}                                | sub
            {"sub":"user-1"}                                                 | partnerId
            {"sub":"user-1","partnerId":"partner-1"}                         | partnerId
            {"sub":"user-1","partnerId":"4412345","roles":["SUPER_ADMIN"]}   | roles[0]
            {"sub":"user-1","partnerId":"4412345","email":"not-an-address"}  | email
            """)
    void rejectsAnInvalidDevTokenRequestWith400Problem(String body, String field) {
        client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.errors[*].field").value(hasItem(field));
    }

    @Test
    void rejectsAnUnreadableDevTokenRequestWith400Problem() {
        client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sub\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:malformed-request")
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void waitsForASlowServiceUpToTheConfiguredTimeout() {
        String path = "/api/insights/slow-but-in-time";
        dealService.delayResponsesTo(path, Duration.ofMillis(1500));

        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("deal-service");
    }

    /**
     * A burst of slow calls all reach the service: Spring Cloud CircuitBreaker's default bulkhead
     * would let 25 through at once and answer the rest 503 at once, and then count those refusals as
     * failures that open the circuit.
     */
    @Test
    void letsABurstOfSlowCallsThroughToTheService() {
        String path = "/api/notifications/slow-burst";
        notificationService.delayResponsesTo(path, Duration.ofMillis(500));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + devToken())
                .build();

        HttpClient httpClient = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 60)
                .mapToObj(i -> httpClient.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();

        assertThat(burst).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    /** The call reached the service, which may still apply it: not "unavailable", but "unknown". */
    @Test
    void answers504OutcomeUnknownWhenAServiceDoesNotAnswerInTime() {
        String path = "/api/deals/too-slow";
        dealService.delayResponsesTo(path, Duration.ofSeconds(6));

        client.post().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .header("Idempotency-Key", "slow-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:outcome-unknown")
                .jsonPath("$.title").isEqualTo("Outcome unknown")
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").value(containsString("deal-service did not answer within 3 s"))
                .jsonPath("$.detail").value(containsString("Idempotency-Key"))
                .jsonPath("$.service").isEqualTo("deal-service")
                .jsonPath("$.instance").isEqualTo(path);
        assertThat(dealService.lastRequestTo(path)).isNotNull();
    }

    /**
     * A service shedding load answers 503 + Retry-After at once: the caller gets exactly that, and
     * however many there are, the circuit stays closed (20 would open it if they counted as failures).
     */
    @Test
    void passesAServicesOwn503ThroughUnchangedWithoutOpeningTheCircuit() {
        String path = "/api/referrals/shedding";
        String busy = """
                {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"referral-service is busy"}""";
        referralService.respondWith(path, new DownstreamStub.CannedResponse(503,
                Map.of("Content-Type", "application/problem+json", "Retry-After", "7"), busy));
        String token = devToken();

        for (int i = 0; i < 25; i++) {
            client.get().uri(path).headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).isEqualTo(busy);
        }
        assertThat(referralService.callsTo(path)).isEqualTo(25);

        client.get().uri("/api/referrals/after-shedding").headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("referral-service");
    }

    @ParameterizedTest
    @ValueSource(strings = { "deal-service", "referral-service", "notification-service", "expiry-scheduler" })
    void servesEachServicesOpenApiDocumentWithoutAToken(String service) {
        client.get().uri("/v3/api-docs/" + service)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo(service)
                .jsonPath("$.path").isEqualTo("/v3/api-docs");
    }

    @Test
    void swaggerUiListsEveryServiceDocument() {
        client.get().uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].name").value(containsInAnyOrder(
                        "deal-service", "referral-service", "notification-service", "expiry-scheduler"));
        client.get().uri("/swagger-ui.html").exchange().expectStatus().isFound();
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void healthProbesAnswerWithoutATokenOnTheManagementPort(String probe) {
        management().get().uri(probe)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAnswerWithoutATokenOnTheManagementPortWithWhatOperatorsWatchOfProxiedCalls() {
        client.get().uri("/api/deals/metered").headers(headers -> headers.setBearerAuth(devToken()))
                .exchange()
                .expectStatus().isOk();

        management().get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(
                        "jvm_memory_used_bytes",
                        "http_server_requests_seconds_count{",
                        "http_client_requests_seconds_count{",
                        "resilience4j_circuitbreaker_state{"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/unknown", "/actuator/env", "/actuator/health", "/actuator/health/readiness",
            "/actuator/prometheus", "/fallback/deal-service" })
    void answers404ProblemForWhatTheGatewayDoesNotServe(String path) {
        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void refusesABodyDeclaredAboveTheLimitWith413ProblemBeforeReadingIt() {
        String path = "/api/deals/declared-too-large";

        client.post().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(jsonOfSize(300 * 1024))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:content-too-large")
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.detail").isEqualTo("The request body is larger than the limit of 262144 bytes");

        assertThat(dealService.lastRequestTo(path)).isNull();
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimitAndTheServiceNeverGetsIt() throws Exception {
        String path = "/api/deals/chunked-too-large";

        HttpResponse<String> response = sendChunked(path, jsonOfSize(300 * 1024));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413", "larger than the limit of 262144 bytes");
        assertThat(dealService.callsTo(path)).isZero();

        String next = "/api/deals/after-chunked-too-large";
        client.post().uri(next).headers(headers -> headers.setBearerAuth(devToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void passesAChunkedBodyBelowTheLimitWhole() throws Exception {
        String path = "/api/deals/chunked-small";
        String body = jsonOfSize(200 * 1024);

        HttpResponse<String> response = sendChunked(path, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(dealService.lastRequestTo(path).body()).isEqualTo(body);
    }

    @Test
    void passesAnImportFileAboveTheJsonLimitAndRefusesOneAboveItsOwn() throws Exception {
        String path = "/api/deals/import";
        String file = "crmId,name\r\n" + "CRM-1,Contoso\r\n".repeat(600 * 1024 / 15);

        client.post().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(file)
                .exchange()
                .expectStatus().isOk();
        assertThat(dealService.lastRequestTo(path).body()).isEqualTo(file);

        client.post().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("x".repeat(1024 * 1024 + 1))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The request body is larger than the limit of 1048576 bytes");
        assertThat(sendChunked(path, "x".repeat(1024 * 1024 + 1)).statusCode()).isEqualTo(413);
    }

    @Test
    void passesThePortalsImportUploadUpToTwoMegabytes() {
        String path = "/deals/import";
        portal.respondWith(path, new DownstreamStub.CannedResponse(200, Map.of(), "imported"));

        client.post().uri(path)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue("x".repeat(1024 * 1024 + 512 * 1024))
                .exchange()
                .expectStatus().isOk();
        assertThat(portal.lastRequestTo(path).body()).hasSize(1024 * 1024 + 512 * 1024);

        client.post().uri(path)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue("x".repeat(2 * 1024 * 1024 + 1))
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void refusesADevTokenRequestAboveTheLimitWith413Problem() {
        client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(jsonOfSize(300 * 1024))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The test client is on loopback, which TRUSTED_PROXIES trusts by default: its forwarding headers go on. */
    @Test
    void keepsTheForwardingHeadersOfATrustedProxy() {
        String path = "/api/opportunities/via-trusted-proxy";

        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .header("X-Forwarded-Host", "cosell.contoso.example")
                .header("X-Forwarded-Proto", "https")
                .exchange()
                .expectStatus().isOk();

        DownstreamStub.RecordedRequest forwarded = dealService.lastRequestTo(path);
        assertThat(forwarded.header("X-Forwarded-Host")).startsWith("cosell.contoso.example");
        assertThat(forwarded.header("X-Forwarded-Proto")).startsWith("https");
        assertThat(forwarded.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(forwarded.headers().keySet()).as("what the services read is X-Forwarded-*")
                .noneMatch(name -> name.equalsIgnoreCase("Forwarded"));
    }

    /** {@code {"notes":"xxx..."}} of exactly {@code size} bytes. */
    private static String jsonOfSize(int size) {
        return "{\"notes\":\"" + "x".repeat(size - 12) + "\"}";
    }

    /** Without Content-Length: the body is sent in chunks of unknown total length. */
    private HttpResponse<String> sendChunked(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + devToken())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The public port serves no actuator: probes and metrics answer only here. */
    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    private String devToken() {
        return devToken("user-1", TestTokens.PARTNER);
    }

    private String devToken(String sub, String partnerId) {
        return client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"sub":"%s","partnerId":"%s","roles":["REFERRALS_ADMIN"]}""".formatted(sub, partnerId))
                .exchange()
                .expectStatus().isOk()
                .expectBody(DevTokenResponse.class).returnResult().getResponseBody().token();
    }
}
