package org.cosell.notification;

import org.cosell.testsupport.ApiDocumentRules;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** notification-service's OpenAPI document, as a client generator reads it (docs/api.md). */
@CosellServiceTest
class ApiDocumentIT extends AbstractNotificationIT {

    @Test
    void everyOperationDeclaresTheBearerTokenAndItsProblemAnswers() {
        JsonNode document = document();

        ApiDocumentRules.assertClientReady(document);
        assertThat(document.at("/paths/~1api~1notification-settings/get/responses").propertyNames())
                .containsExactlyInAnyOrder("200", "401", "403", "429", "503");
    }

    @Test
    void theExampleBodiesAreAccepted() {
        TestUser admin = TestUser.partnerAdmin(uniquePartnerId());
        var calls = ApiDocumentRules.exampleCalls(document());
        assertThat(calls).hasSize(1);

        for (var call : calls) {
            assertThat(call.method()).isEqualTo("PUT");
            HttpResponse<String> answer = put(call.path(), admin, call.contentType(), call.body());

            assertThat(answer.statusCode()).as("%s %s: %s", call.method(), call.path(), answer.body()).isEqualTo(200);
        }
    }

    private JsonNode document() {
        HttpResponse<String> answer = get("/v3/api-docs", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
