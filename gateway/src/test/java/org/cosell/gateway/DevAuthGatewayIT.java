package org.cosell.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The gateway as the local launcher runs it: it issues its own tokens and trusts only those. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cosell.dev-auth.enabled=true", "cosell.downstream.timeout=3s" })
@AutoConfigureWebTestClient
class DevAuthGatewayIT {

    static final DownstreamStub dealService = DownstreamStub.start("deal-service");

    static final DownstreamStub referralService = DownstreamStub.start("referral-service");

    static final DownstreamStub notificationService = DownstreamStub.start("notification-service");

    static final DownstreamStub expiryScheduler = DownstreamStub.start("expiry-scheduler");

    static final Map<String, DownstreamStub> services = Map.of("deal-service", dealService,
            "referral-service", referralService, "notification-service", notificationService,
            "expiry-scheduler", expiryScheduler);

    @DynamicPropertySource
    static void downstreamServices(DynamicPropertyRegistry registry) {
        services.forEach((name, stub) -> registry.add("cosell.services." + name, stub::uri));
    }

    @AfterAll
    static void stopServices() {
        services.values().forEach(DownstreamStub::close);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

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

    @Test
    void startsATraceWhenTheCallerSendsNone() {
        String path = "/api/opportunities/untraced";

        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken())).exchange().expectStatus().isOk();

        assertThat(dealService.lastRequestTo(path).header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    enum RejectedToken {
        MISSING, MALFORMED, FORGED_WITH_ANOTHER_KEY, EXPIRED, UNSIGNED_ALG_NONE, FROM_ANOTHER_ISSUER
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
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isNotEmpty();

        assertThat(dealService.lastRequestTo(path)).isNull();
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
        };
    }

    @Test
    void issuesAnRs256DevTokenVerifiableWithThePublishedKeySet() throws ParseException, JOSEException {
        String token = client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"sub":"user-7","partnerId":"partner-7","roles":["MPN_PARTNER_ADMIN","REFERRALS_ADMIN"],
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
        assertThat(claims.getStringClaim("partnerId")).isEqualTo("partner-7");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MPN_PARTNER_ADMIN", "REFERRALS_ADMIN");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@contoso.example");
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada");
        assertThat(claims.getIssuer()).isEqualTo("cosell-local");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"partnerId":"partner-1"}                                          | sub
            {"sub":" ","partnerId":"partner-1"}                                | sub
            {"sub":"user-1"}                                                   | partnerId
            {"sub":"user-1","partnerId":"partner-1","roles":["SUPER_ADMIN"]}   | roles[0]
            {"sub":"user-1","partnerId":"partner-1","email":"not-an-address"}  | email
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
                .jsonPath("$.type").isEqualTo("about:blank")
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

    @Test
    void answers503ProblemWhenAServiceDoesNotAnswerInTime() {
        String path = "/api/insights/too-slow";
        dealService.delayResponsesTo(path, Duration.ofSeconds(6));

        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(containsString("deal-service"))
                .jsonPath("$.service").isEqualTo("deal-service")
                .jsonPath("$.instance").isEqualTo(path);
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
    void healthProbesAnswerWithoutAToken(String probe) {
        client.get().uri(probe)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAnswerWithoutATokenWithWhatOperatorsWatchOfProxiedCalls() {
        client.get().uri("/api/deals/metered").headers(headers -> headers.setBearerAuth(devToken()))
                .exchange()
                .expectStatus().isOk();

        client.get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(
                        "jvm_memory_used_bytes",
                        "http_server_requests_seconds_count{",
                        "http_client_requests_seconds_count{",
                        "resilience4j_circuitbreaker_state{"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/unknown", "/actuator/env", "/fallback/deal-service" })
    void answers404ProblemForWhatTheGatewayDoesNotServe(String path) {
        client.get().uri(path).headers(headers -> headers.setBearerAuth(devToken()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isNotEmpty();
    }

    private String devToken() {
        return client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"sub":"user-1","partnerId":"partner-1","roles":["REFERRALS_ADMIN"]}""")
                .exchange()
                .expectStatus().isOk()
                .expectBody(DevTokenResponse.class).returnResult().getResponseBody().token();
    }
}
