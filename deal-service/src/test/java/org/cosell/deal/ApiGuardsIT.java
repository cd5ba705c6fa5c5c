package org.cosell.deal;

import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.newDeal;

/**
 * deal-service's own port, called as a client would without the gateway in front: the token rules,
 * the body cap, actuator only on the management port, forwarded headers from the trusted loopback
 * proxy, and the error path.
 */
@CosellServiceTest
class ApiGuardsIT {

    private static final TestJwtIssuer TOKENS = TestJwtIssuer.get();
    private static final int FIFTEEN_MB = 15 * 1024 * 1024;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private DealApi api;
    private TestUser user;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
    }

    @Test
    void aTokenWithoutTheApiAudienceIsRefused() {
        for (String token : List.of(TOKENS.tokenWithoutAudience(user), TOKENS.tokenForAudience(user, "another-api"))) {
            HttpResponse<String> refused = api.send(HttpRequest.newBuilder(api.uri("/api/opportunities"))
                    .header("Authorization", "Bearer " + token).build());

            assertProblem(refused, 401);
        }
        assertThat(api.get("/api/opportunities", user).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserWithoutACosellRoleWorksNoOpportunity() {
        TestUser noRoles = new TestUser("nobody", user.partnerId(), List.of(), "nobody@example.com", "Nobody");
        TestUser unknownRole = new TestUser("guest", user.partnerId(), List.of("GUEST"), "guest@example.com", "Guest");

        for (TestUser roleless : List.of(noRoles, unknownRole)) {
            assertProblem(api.create(roleless, newDeal("Sneaky deal")), 403);
            assertProblem(api.get("/api/opportunities?tab=outbound", roleless), 403);
        }
        assertThat(body(api.get("/api/opportunities?tab=outbound", user)).get("items")).isEmpty();
    }

    @Test
    void aPartnerIdThatIsNoMpnIdIsRefused() {
        TestUser notMpn = new TestUser("someone", "contoso", List.of(TestUser.MPN_PARTNER_ADMIN), "x@example.com", "X");

        assertProblem(api.create(notMpn, newDeal("Deal of nobody")), 401);
    }

    @Test
    void fifteenMegabytesOfEmptyObjectsAreRefusedAndTheServiceCarriesOn() {
        byte[] emptyObjects = emptyObjects(FIFTEEN_MB);

        HttpResponse<String> declared = api.send(api.request("/api/deals", user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(emptyObjects)).build());
        HttpResponse<String> chunked = api.send(api.request("/api/deals", user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(emptyObjects))).build());

        assertProblem(declared, 413);
        // Without a length it is read until it turns out wrong: a list where a deal belongs is a 400
        // after its first character, long before the 256 KB cap.
        assertProblem(chunked, 400);
        assertThat(api.create(user, newDeal("After the flood")).statusCode()).isEqualTo(201);
    }

    @Test
    void linksFollowForwardedHeadersFromTheTrustedLoopbackProxy() {
        HttpResponse<String> created = api.send(api.request("/api/deals", user).header("Content-Type", "application/json")
                .header("X-Forwarded-Host", "cosell.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .POST(HttpRequest.BodyPublishers.ofString(newDeal("Through the gateway").toString())).build());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("https://cosell.example/api/opportunities/"));
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("cosell_http_requests_refused_total");
        assertThat(api.get("/actuator/health", user).statusCode()).isEqualTo(404);
        assertProblem(get(port, "/actuator/prometheus"), 401);
    }

    @Test
    void theErrorPathIsAProblemNotBootsPage() {
        HttpResponse<String> error = get(port, "/error");

        assertProblem(error, 404);
        assertThat(error.body()).doesNotContain("timestamp");
    }

    private HttpResponse<String> get(int targetPort, String path) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + targetPort + path)).build());
    }

    private static byte[] emptyObjects(int size) {
        StringBuilder body = new StringBuilder(size + 4).append('[');
        while (body.length() < size) {
            body.append("{},");
        }
        return body.append("{}]").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
