package org.cosell.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The gateway as production runs it: dev auth off, tokens checked against an identity provider's
 * JWK set (a stub here) and issuer; notification-service is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class IdentityProviderGatewayIT {

    static final String ISSUER = "https://idp.cosell.test";

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
    }

    @AfterAll
    static void stopServices() {
        List.of(identityProvider, referralService, dealService).forEach(DownstreamStub::close);
    }

    @Autowired
    WebTestClient client;

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

    @ParameterizedTest
    @ValueSource(strings = { "GET /api/notifications", "PUT /api/notification-settings" })
    void answers503ProblemNamingTheServiceThatIsDown(String call) {
        String[] methodAndPath = call.split(" ");
        String token = TestTokens.signed(identityProviderKey, TestTokens.claims(ISSUER, Instant.now(), Duration.ofHours(1)));

        client.method(HttpMethod.valueOf(methodAndPath[0])).uri(methodAndPath[1])
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"referralRecipients":["sales@contoso.example"]}""")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(containsString("notification-service"))
                .jsonPath("$.service").isEqualTo("notification-service")
                .jsonPath("$.instance").isEqualTo(methodAndPath[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = { "01", "00" })
    void logsTheServiceThatIsDownWithTheCallersTraceId(String sampled, CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e47" + sampled;
        String token = TestTokens.signed(identityProviderKey, TestTokens.claims(ISSUER, Instant.now(), Duration.ofHours(1)));

        client.get().uri("/api/notifications")
                .headers(headers -> headers.setBearerAuth(token))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + sampled)
                .exchange()
                .expectStatus().isEqualTo(503);

        assertThat(output.getOut().lines().filter(line -> line.contains(traceId)))
                .anySatisfy(line -> assertThat(line).contains("notification-service is unavailable"));
    }

    @Test
    void answers503ProblemForTheDocumentOfAServiceThatIsDown() {
        client.get().uri("/v3/api-docs/expiry-scheduler")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("expiry-scheduler");
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
}
