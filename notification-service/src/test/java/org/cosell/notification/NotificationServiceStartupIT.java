package org.cosell.notification;

import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against the real broker and database and reports itself ready only with both. */
@CosellServiceTest
class NotificationServiceStartupIT extends AbstractNotificationIT {

    @Test
    void isLiveAndReadyWithMongoAndKafkaUp() {
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = management("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(management("/actuator/health").body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesMetricsOnTheManagementPortAndItsOpenApiDocumentWithoutAToken() {
        assertThat(management("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(management("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", TestUser.partnerAdmin(uniquePartnerId())).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(apiDocs.body()).get("openapi").asString()).startsWith("3.");
    }

    @Test
    void refusesApiCallsWithoutAToken() {
        HttpResponse<String> response = get("/api/anything");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void refusesATokenWithoutTheApiAudienceAndAUserWithoutARole() throws Exception {
        TestUser admin = TestUser.partnerAdmin(uniquePartnerId());
        TestUser noRoles = new TestUser("nobody", admin.partnerId(), List.of(), "nobody@example.com", "Nobody");

        assertThat(get("/api/notifications", admin).statusCode()).isEqualTo(200);
        assertThat(get("/api/notifications", noRoles).statusCode()).isEqualTo(403);
        HttpResponse<String> withoutAudience = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications"))
                .header("Authorization", "Bearer " + tokens.tokenWithoutAudience(admin)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutAudience.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) {
        return get(path, null);
    }
}
