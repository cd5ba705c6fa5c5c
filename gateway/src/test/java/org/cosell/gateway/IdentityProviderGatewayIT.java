package org.cosell.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * The gateway as production runs it: dev auth off, tokens checked against an identity provider's
 * JWK set (a stub here), issuer and audience; API docs off; behind a load balancer (10.0.0.1) whose
 * forwarding headers alone are trusted, so the test client's are not; small rate limits;
 * notification-service is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.trusted-proxies=10\\.0\\.0\\.1",
        "springdoc.api-docs.enabled=false", "springdoc.swagger-ui.enabled=false",
        "cosell.rate-limit.partner.requests-per-second=1", "cosell.rate-limit.partner.burst=10",
        "cosell.rate-limit.user.requests-per-second=1", "cosell.rate-limit.user.burst=5",
        "cosell.rate-limit.partner-in-flight=" + IdentityProviderGatewayIT.PARTNER_IN_FLIGHT })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class IdentityProviderGatewayIT {

    static final String ISSUER = "https://idp.cosell.test";

    static final int PARTNER_IN_FLIGHT = 3;

    static final RSAKey identityProviderKey = TestTokens.newRsaKey("idp-key-1");

    static final DownstreamStub identityProvider = DownstreamStub.start("identity-provider")
            .respondWith("/jwks.json", new JWKSet(identityProviderKey.toPublicJWK()).toString());

    static final DownstreamStub referralService = DownstreamStub.start("referral-service");

    static final DownstreamStub dealService = DownstreamStub.start("deal-service");

    @DynamicPropertySource
    static void identityProviderAndServices(DynamicPropertyRegistry registry) {
        registry.add("cosell.jwt.jwk-set-uri", () -> identityProvider.uri() + "/jwks.json");
        registry.add("cosell.jwt.issuer-uri", () -> ISSUER);
        registry.add("cosell.services.deal-service", dealService::uri);
        registry.add("cosell.services.referral-service", referralService::uri);
        registry.add("cosell.services.notification-service", DownstreamStub::unreachableUri);
        registry.add("cosell.services.expiry-scheduler", DownstreamStub::unreachableUri);
        registry.add("cosell.services.portal", DownstreamStub::unreachableUri);
    }

    @AfterAll
    static void stopServices() {
        List.of(identityProvider, referralService, dealService).forEach(DownstreamStub::close);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int port;

    final AtomicInteger partners = new AtomicInteger(4410000 + new Random().nextInt(10000) * 10);

    @Test
    void forwardsAValidIdentityProviderTokenUnchanged() {
        String token = TestTokens.signed(identityProviderKey, TestTokens.claims(ISSUER, Instant.now(), Duration.ofHours(1)));

        client.post().uri("/api/referrals/r-1/accept")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("referral-service");

        assertThat(referralService.lastRequestTo("/api/referrals/r-1/accept").header(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void rejectsATokenFromAnotherIssuer() {
        String token = TestTokens.signed(identityProviderKey,
                TestTokens.claims("cosell-local", Instant.now(), Duration.ofHours(1)));

        expectUnauthorized(token);
    }

    @Test
    void rejectsATokenSignedWithAnotherKeyUnderTheProvidersKeyId() {
        String token = TestTokens.signed(TestTokens.newRsaKey(identityProviderKey.getKeyID()),
                TestTokens.claims(ISSUER, Instant.now(), Duration.ofHours(1)));

        expectUnauthorized(token);
    }

    @Test
    void devTokenEndpointsDoNotExist() {
        client.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"sub":"user-1","partnerId":"partner-1","roles":["MPN_PARTNER_ADMIN"]}""")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
        client.get().uri("/dev/jwks.json")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void rejectsATokenWithoutAnAudience() {
        expectUnauthorized(TestTokens.signed(identityProviderKey,
                TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1)).audience((String) null).build()));
    }

    @Test
    void rejectsATokenTheProviderIssuedForAnotherAudience() {
        expectUnauthorized(TestTokens.signed(identityProviderKey,
                TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1)).audience("billing-api").build()));
    }

    @Test
    void acceptsATokenNamingTheAudienceAmongOthers() {
        String token = TestTokens.signed(identityProviderKey, TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1))
                .audience(List.of("billing-api", "cosell-api")).subject("multi-audience").build());

        client.get().uri("/api/deals/multi-audience").headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void rejectsATokenWhosePartnerIsNotAnMpnId() {
        expectUnauthorized(TestTokens.signed(identityProviderKey,
                TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1)).claim("partnerId", "4412345; drop").build()));
    }

    /** The test client is not the trusted load balancer: what it claims about itself never reaches a service. */
    @Test
    void dropsForwardingHeadersFromAnUntrustedCaller() {
        String path = "/api/deals/forged-forwarding";

        client.get().uri(path).headers(headers -> headers.setBearerAuth(tokenOf("forger", "4400101")))
                .header("X-Forwarded-For", "203.0.113.66")
                .header("X-Forwarded-Host", "admin.cosell.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/internal")
                .header("Forwarded", "for=203.0.113.66;host=admin.cosell.example;proto=https")
                .exchange()
                .expectStatus().isOk();

        DownstreamStub.RecordedRequest forwarded = dealService.lastRequestTo(path);
        assertThat(forwarded.headers().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-forwarded"))
                .noneMatch(name -> name.equalsIgnoreCase("Forwarded"));
    }

    @Test
    void refusesAUsersCallsAboveItsBurstWith429AndTheRateLimitFields() {
        String token = tokenOf("eager-user", "4400201");
        for (int i = 0; i < 5; i++) {
            // the bucket starts full: the first five pass however slowly they are sent
            client.get().uri("/api/deals/eager-" + i).headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=10;w=10, \"user\";q=5;w=5")
                    .expectHeader().value("RateLimit", startsWith("\"partner\";r="));
        }

        // it refills one a second: on a slow machine a sixth may still pass, never a tenth
        int refilledAndPassed = 0;
        while (status("/api/deals/eager-more", token) == 200) {
            assertThat(++refilledAndPassed).as("calls past the burst that passed").isLessThan(4);
        }
        client.get().uri("/api/deals/eager-refused").headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=10;w=10, \"user\";q=5;w=5")
                .expectHeader().valueEquals("RateLimit", "\"user\";r=0;t=1")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:rate-limited")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.limit").isEqualTo("user")
                .jsonPath("$.detail").value(containsString("retry after 1 s"));
        assertThat(dealService.lastRequestTo("/api/deals/eager-refused")).isNull();

        client.get().uri("/api/deals/eager-colleague").headers(headers -> headers.setBearerAuth(tokenOf("colleague", "4400201")))
                .exchange()
                .expectStatus().isOk();
    }

    /**
     * Four users, each within its own burst, together pass the partner's: the partner's calls are
     * refused while another partner's go through; the refusals are counted for operators.
     */
    @Test
    void refusesAPartnersCallsAboveItsBurstWhileOtherPartnersGoOn() {
        List<String> users = List.of("busy-1", "busy-2", "busy-3", "busy-4").stream()
                .map(sub -> tokenOf(sub, "4400301")).toList();
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (String token : users) {
                statuses.add(status("/api/deals/busy-partner", token));
            }
        }
        assertThat(statuses).contains(429).containsOnly(200, 429);

        // a fifth user, within its own burst, is refused for the partner (the bucket refills one a second,
        // so on a slow machine a call may slip through first)
        String fifth = tokenOf("busy-5", "4400301");
        EntityExchangeResult<String> refused = null;
        for (int i = 0; i < 4 && refused == null; i++) {
            EntityExchangeResult<String> result = client.get().uri("/api/deals/busy-partner")
                    .headers(headers -> headers.setBearerAuth(fifth))
                    .exchange()
                    .expectBody(String.class).returnResult();
            refused = result.getStatus().value() == 429 ? result : null;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(refused.getResponseBody()).contains("\"limit\":\"partner\"");
        client.get().uri("/api/deals/quiet-partner").headers(headers -> headers.setBearerAuth(tokenOf("quiet", "4400302")))
                .exchange()
                .expectStatus().isOk();

        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .containsPattern("cosell_gateway_rate_limited_total\\{limit=\"partner\"\\} [1-9]"));
    }

    /**
     * Six slow calls of one partner at once, each by a user within its own burst and all within the
     * partner's: three are forwarded, three refused at once and their tokens given back; another
     * partner's call is forwarded meanwhile, and once the slow calls are done the partner may call again.
     */
    @Test
    void forwardsAtMostThePartnersCallsInFlightAtOnce() {
        dealService.delayResponsesTo("/api/deals/slow", Duration.ofSeconds(2));
        List<String> users = IntStream.range(0, 2 * PARTNER_IN_FLIGHT)
                .mapToObj(i -> tokenOf("crowd-" + i, "4400401")).toList();
        WebClient http = WebClient.create("http://localhost:" + port);

        List<ResponseEntity<String>> answers = Flux.fromIterable(users)
                .flatMap(token -> http.get().uri("/api/deals/slow").headers(headers -> headers.setBearerAuth(token))
                        .exchangeToMono(response -> response.toEntity(String.class)), users.size())
                .collectList().block(Duration.ofSeconds(20));
        client.get().uri("/api/deals/other-partner").headers(headers -> headers.setBearerAuth(tokenOf("other", "4400402")))
                .exchange()
                .expectStatus().isOk();

        assertThat(answers).extracting(answer -> answer.getStatusCode().value())
                .containsOnly(200, 429).filteredOn(status -> status == 200).hasSize(PARTNER_IN_FLIGHT);
        ResponseEntity<String> refused = answers.stream().filter(answer -> answer.getStatusCode().value() == 429)
                .findFirst().orElseThrow();
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getBody()).contains("\"limit\":\"partner-in-flight\"");
        client.get().uri("/api/deals/after-the-crowd").headers(headers -> headers.setBearerAuth(users.get(0)))
                .exchange()
                .expectStatus().isOk();
    }

    /**
     * Once the gateway has accepted a token, a call over its limit is refused before it reaches the
     * web stack, with the very answer the limiter gives after authentication and authorization: a
     * token it has not seen yet still goes the full way.
     */
    @Test
    void refusesAnAcceptedTokenOverItsLimitBeforeTheWebStackWithTheSameAnswer() {
        String partner = String.valueOf(partners.incrementAndGet());
        String path = "/api/deals/early-refusal";
        String first = uniqueTokenOf("early", partner);
        while (status(path, first) == 200) {
            // the user's burst of five, and what refills meanwhile
        }
        EntityExchangeResult<String> afterAuthentication = refusedWithANewToken(path, "early", partner);
        String known = uniqueTokenOf("early", partner);
        exchange(path, known);
        int entered = WebStackEntry.callsTo(path);
        assertThat(entered).as("calls into the web stack").isPositive();

        EntityExchangeResult<String> early = exchange(path, known);
        for (int refilled = 0; refilled < 3 && early.getStatus().value() == 200; refilled++) {
            // a token refilled meanwhile (one a second) and this call was forwarded, through the chain
            entered = WebStackEntry.callsTo(path);
            early = exchange(path, known);
        }

        assertThat(early.getStatus().value()).isEqualTo(429);
        assertThat(WebStackEntry.callsTo(path)).isEqualTo(entered);
        assertThat(early.getResponseBody()).isEqualTo(afterAuthentication.getResponseBody());
        HttpHeaders earlyHeaders = withoutDate(early.getResponseHeaders());
        assertThat(earlyHeaders).isEqualTo(withoutDate(afterAuthentication.getResponseHeaders()));
        assertThat(earlyHeaders.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(earlyHeaders.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(earlyHeaders.getFirst("RateLimit-Policy")).isEqualTo("\"partner\";q=10;w=10, \"user\";q=5;w=5");
        assertThat(earlyHeaders.getFirst("RateLimit")).isEqualTo("\"user\";r=0;t=1");
    }

    /**
     * A user out of calls: its forged, expired and role-less tokens are still answered for what they
     * are, never 429, so no call counts against a partner's limits before its token is checked.
     */
    @Test
    void checksATokenItHasNotAcceptedBeforeAnyRefusalForTheLimit() {
        String partner = String.valueOf(partners.incrementAndGet());
        String path = "/api/deals/unchecked";
        String valid = uniqueTokenOf("spent", partner);
        while (status(path, valid) == 200) {
            // the user's burst of five, and what refills meanwhile
        }
        JWTClaimsSet.Builder sameUser = TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1))
                .subject("spent").claim("partnerId", partner);

        assertThat(status(path, TestTokens.signed(TestTokens.newRsaKey(identityProviderKey.getKeyID()), sameUser.build())))
                .isEqualTo(401);
        assertThat(status(path, TestTokens.signed(identityProviderKey, TestTokens.builder(ISSUER,
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).subject("spent").claim("partnerId", partner).build())))
                .isEqualTo(401);
        assertThat(status(path, TestTokens.signed(identityProviderKey, sameUser.claim("roles", List.of()).build())))
                .isEqualTo(403);
    }

    /** A call that is forwarded takes one token from its user's bucket and one from its partner's, never two. */
    @Test
    void countsAForwardedCallOnceAgainstItsUserAndItsPartner() {
        String token = uniqueTokenOf("counted", String.valueOf(partners.incrementAndGet()));
        String path = "/api/deals/counted";
        List<int[]> remaining = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            EntityExchangeResult<String> forwarded = exchange(path, token);
            assertThat(forwarded.getStatus().value()).isEqualTo(200);
            remaining.add(remainingQuota(forwarded.getResponseHeaders().getFirst("RateLimit")));
        }

        for (int call = 1; call < remaining.size(); call++) {
            int[] before = remaining.get(call - 1);
            int[] after = remaining.get(call);
            // one token a call, one back a second at most
            assertThat(after[0]).as("partner's quota left").isBetween(before[0] - 1, before[0]);
            assertThat(after[1]).as("user's quota left").isBetween(before[1] - 1, before[1]);
        }
        assertThat(remaining.get(0)).containsExactly(9, 4);
    }

    @Test
    void limitsNothingButAuthenticatedApiCalls() {
        for (int i = 0; i < 8; i++) {
            client.get().uri("/api/opportunities").exchange().expectStatus().isUnauthorized();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET /api/notifications", "PUT /api/notification-settings" })
    void answers503ProblemNamingTheServiceThatIsDown(String call) {
        String[] methodAndPath = call.split(" ");
        String token = newCallersToken();

        client.method(HttpMethod.valueOf(methodAndPath[0])).uri(methodAndPath[1])
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"referralRecipients":["sales@contoso.example"]}""")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:cosell:problem:unavailable")
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(containsString("notification-service"))
                .jsonPath("$.service").isEqualTo("notification-service")
                .jsonPath("$.instance").isEqualTo(methodAndPath[1]);
    }

    /** A browser opening a page: what Chromium and Firefox send in Accept for a navigation. */
    private static final String BROWSER_PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en-GB,en;q=0.9 | en | The portal is unavailable, try again in a minute.",
            "it-IT,it;q=0.9,en;q=0.8 | it | Il portale non è disponibile, riprova tra un minuto.",
            "de-DE | en | The portal is unavailable, try again in a minute." })
    void aBrowserOpeningAPageWhileThePortalIsDownGetsThePortalsBannerInItsLanguage(String acceptLanguage,
                                                                                    String language, String banner) {
        client.get().uri("/opportunities?tab=archived")
                .header(HttpHeaders.ACCEPT, BROWSER_PAGE)
                .header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("text/html;charset=UTF-8")
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, language)
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<html lang=\"" + language + "\">", "<p class=\"banner\" role=\"alert\">" + banner + "</p>")
                        .doesNotContain("problem", "portal is unavailable; the call"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/json", "text/css,*/*;q=0.1", "text/html;q=0, application/json" })
    void anythingButABrowserOpeningAPageGetsTheProblemWhileThePortalIsDown(String accept) {
        client.get().uri("/assets/portal.css")
                .header(HttpHeaders.ACCEPT, accept)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "it")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.service").isEqualTo("portal");
    }

    @ParameterizedTest
    @ValueSource(strings = { "01", "00" })
    void logsTheServiceThatIsDownWithTheCallersTraceId(String sampled, CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e47" + sampled;
        String token = newCallersToken();

        client.get().uri("/api/notifications")
                .headers(headers -> headers.setBearerAuth(token))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + sampled)
                .exchange()
                .expectStatus().isEqualTo(503);

        assertThat(output.getOut().lines().filter(line -> line.contains(traceId)))
                .anySatisfy(line -> assertThat(line).contains("notification-service call failed (503)"));
    }

    /** Traces on OpenTelemetry (the ids above), and without OTEL_EXPORTER_OTLP_ENDPOINT no span leaves the gateway. */
    @Test
    void exportsNoSpansWithoutACollector() {
        assertThat(context.getBean(Tracer.class)).isInstanceOf(OtelTracer.class);
        assertThat(context.getBeansOfType(OtlpTracingConnectionDetails.class)).isEmpty();
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v3/api-docs/deal-service", "/v3/api-docs", "/v3/api-docs/swagger-config",
            "/swagger-ui.html", "/swagger-ui/index.html" })
    void servesNoApiDocsWhenTheyAreOff(String path) {
        client.get().uri(path)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(dealService.lastRequestTo("/v3/api-docs")).isNull();
    }

    private int status(String path, String token) {
        return client.get().uri(path).headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectBody(String.class).returnResult().getStatus().value();
    }

    private EntityExchangeResult<String> exchange(String path, String token) {
        return client.get().uri(path).headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectBody(String.class).returnResult();
    }

    /** A refusal for the user's limit of a call whose token the gateway has not seen before. */
    private EntityExchangeResult<String> refusedWithANewToken(String path, String sub, String partnerId) {
        for (int attempt = 0; attempt < 4; attempt++) {
            EntityExchangeResult<String> result = exchange(path, uniqueTokenOf(sub, partnerId));
            if (result.getStatus().value() == 429) {
                return result;
            }
        }
        throw new AssertionError("a call over the user's limit was forwarded four times");
    }

    private static HttpHeaders withoutDate(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.remove(HttpHeaders.DATE);
        return copy;
    }

    /** The partner's and the user's {@code r} of a {@code RateLimit} field. */
    private static int[] remainingQuota(String rateLimit) {
        Matcher quota = Pattern.compile("\"partner\";r=(\\d+);t=\\d+, \"user\";r=(\\d+);t=\\d+").matcher(rateLimit);
        assertThat(quota.matches()).as(rateLimit).isTrue();
        return new int[] { Integer.parseInt(quota.group(1)), Integer.parseInt(quota.group(2)) };
    }

    /** A token of its own (its {@code jti}), so that the gateway has not seen it before. */
    private String uniqueTokenOf(String sub, String partnerId) {
        return TestTokens.signed(identityProviderKey, TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1))
                .subject(sub).claim("partnerId", partnerId).jwtID(UUID.randomUUID().toString()).build());
    }

    /** A user of a partner of its own, so that no test uses up another's rate limits. */
    private String newCallersToken() {
        return tokenOf("caller", String.valueOf(partners.incrementAndGet()));
    }

    private String tokenOf(String sub, String partnerId) {
        return TestTokens.signed(identityProviderKey, TestTokens.builder(ISSUER, Instant.now(), Duration.ofHours(1))
                .subject(sub).claim("partnerId", partnerId).build());
    }

    private void expectUnauthorized(String token) {
        client.get().uri("/api/opportunities")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        assertThat(dealService.lastRequestTo("/api/opportunities")).isNull();
    }

    /** Counts the calls per path that reach the web stack's filters, before Spring Security's chain (at -100). */
    @TestConfiguration(proxyBeanMethods = false)
    static class WebStackEntry {

        private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        static int callsTo(String path) {
            return calls.getOrDefault(path, new AtomicInteger()).get();
        }

        @Bean
        WebFilter countsCallsIntoTheWebStack() {
            return new CountingFilter();
        }

        private static final class CountingFilter implements WebFilter, Ordered {

            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                calls.computeIfAbsent(exchange.getRequest().getPath().value(), path -> new AtomicInteger()).incrementAndGet();
                return chain.filter(exchange);
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }
        }
    }
}
