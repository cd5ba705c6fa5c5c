package org.cosell.expiry;

import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against the real broker and database and reports itself ready only with both. */
@CosellServiceTest
class ExpirySchedulerStartupIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void isLiveAndReadyWithMongoAndKafkaUp() throws Exception {
        assertThat(get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get(managementPort, "/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(get(managementPort, "/actuator/health").body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesMetricsAndItsOpenApiDocumentWithoutAToken() throws Exception {
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(apiDocs.body()).get("openapi").asString()).startsWith("3.");
    }

    @Test
    void refusesApiCallsWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/api/anything");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void checksAudienceAndRoleOfEveryApiCall() throws Exception {
        TestJwtIssuer tokens = TestJwtIssuer.get();
        TestUser admin = TestUser.partnerAdmin("4400777");
        TestUser noRoles = new TestUser("nobody", "4400777", List.of(), "nobody@example.com", "Nobody");

        assertThat(get("/api/anything", tokens.token(admin)).statusCode()).isEqualTo(404);
        assertThat(get("/api/anything", tokens.token(noRoles)).statusCode()).isEqualTo(403);
        assertThat(get("/api/anything", tokens.tokenWithoutAudience(admin)).statusCode()).isEqualTo(401);
        assertThat(get("/api/anything", tokens.tokenForAudience(admin, "another-api")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(port, path);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
