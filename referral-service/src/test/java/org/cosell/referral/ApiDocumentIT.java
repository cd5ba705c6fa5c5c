package org.cosell.referral;

import org.cosell.testsupport.ApiDocumentRules;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** referral-service's OpenAPI document, as a client generator reads it (docs/api.md). */
@CosellServiceTest
class ApiDocumentIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void everyOperationDeclaresTheBearerTokenAndItsProblemAnswers() throws Exception {
        JsonNode document = document();

        ApiDocumentRules.assertClientReady(document);
        JsonNode accept = document.at("/paths/~1api~1referrals~1{id}~1accept/post");
        assertThat(accept.path("responses").propertyNames())
                .contains("400", "401", "403", "404", "409", "413", "415", "422", "429", "503");
    }

    @Test
    void theExampleBodiesAreAccepted() throws Exception {
        TestUser admin = TestUser.partnerAdmin("4477" + System.nanoTime() % 1_000_000);
        var calls = ApiDocumentRules.exampleCalls(document());
        assertThat(calls).hasSize(2);

        for (var call : calls) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
                    .header("Authorization", TestJwtIssuer.get().bearer(admin))
                    .header("Content-Type", call.contentType())
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body())).build(),
                    HttpResponse.BodyHandlers.ofString());

            // an unknown referral: the body passed every check before the id was looked up
            assertThat(answer.statusCode()).as("%s %s: %s", call.method(), call.path(), answer.body()).isEqualTo(404);
        }
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
