package org.cosell.deal;

import org.cosell.testsupport.ApiDocumentRules;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** deal-service's OpenAPI document, as a client generator reads it (docs/api.md). */
@CosellServiceTest
class ApiDocumentIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private DealApi api;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
    }

    @Test
    void everyOperationDeclaresTheBearerTokenAndItsProblemAnswers() {
        JsonNode document = document();

        ApiDocumentRules.assertClientReady(document);
        JsonNode edit = document.at("/paths/~1api~1deals~1{id}/patch");
        assertThat(edit.path("responses").propertyNames())
                .contains("400", "404", "409", "412", "413", "415", "428");
        assertThat(document.at("/paths/~1api~1solutions/post/responses").propertyNames()).contains("409");
        assertThat(document.at("/paths/~1api~1insights/get/responses").propertyNames())
                .containsExactlyInAnyOrder("200", "401", "403", "429", "503");
    }

    @Test
    void theExampleBodiesAreAccepted() {
        TestUser admin = TestUser.partnerAdmin(DealApi.uniquePartnerId());
        var calls = ApiDocumentRules.exampleCalls(document());
        assertThat(calls).hasSizeGreaterThanOrEqualTo(6);

        for (var call : calls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(call.path()))
                    .header("Authorization", TestJwtIssuer.get().bearer(admin))
                    .header("Content-Type", call.contentType())
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
            if (call.ifMatch()) {
                request.header("If-Match", "\"1\"");
            }
            HttpResponse<String> answer = api.send(request.build());

            // creations succeed (an import answers 200 with what it created); a move on an unknown deal passed
            // every check of its body before the id was looked up
            int expected = call.path().matches(".*/[0-9a-f-]{36}(/.*)?") ? 404 : call.path().endsWith("/import") ? 200 : 201;
            assertThat(answer.statusCode()).as("%s %s: %s", call.method(), call.path(), answer.body())
                    .isEqualTo(expected);
        }
    }

    private JsonNode document() {
        HttpResponse<String> answer = api.send(HttpRequest.newBuilder(api.uri("/v3/api-docs")).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
