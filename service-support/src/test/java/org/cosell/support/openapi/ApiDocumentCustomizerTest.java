package org.cosell.support.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiDocumentCustomizerTest {

    private final RequestExamples examples = RequestExamples.load(JsonMapper.builder().build());

    @Test
    void aPatchOfAnIdDeclaresEveryAnswerItsShapeImpliesAndRequiresIfMatch() {
        HeaderParameter ifMatch = new HeaderParameter();
        ifMatch.name("If-Match").required(false);
        Operation patch = operation().addParametersItem(new PathParameter().name("id")).addParametersItem(ifMatch)
                .requestBody(new RequestBody().content(new Content().addMediaType("application/json", new MediaType())));
        patch.getResponses().addApiResponse("500", new ApiResponse().description("generic"));
        OpenAPI document = document("/api/things/{id}", new PathItem().patch(patch));

        new ApiDocumentCustomizer(List.of(), examples).customise(document);

        assertThat(patch.getResponses().keySet()).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409",
                "412", "413", "415", "428", "429", "503");
        assertThat(ifMatch.getRequired()).isTrue();
        assertThat(patch.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsKey(ApiDocumentCustomizer.BEARER));
        assertThat(document.getComponents().getSecuritySchemes()).containsKey(ApiDocumentCustomizer.BEARER);
    }

    @Test
    void aDeclaredStatusWithoutAProblemTypeIsStillDocumented() {
        Operation get = operation();
        OpenAPI document = document("/api/things", new PathItem().get(get));

        new ApiDocumentCustomizer(List.of(ProblemResponses.of(HttpMethod.GET, "/api/things", HttpStatus.I_AM_A_TEAPOT)),
                examples).customise(document);

        assertThat(get.getResponses().keySet()).containsExactlyInAnyOrder("200", "401", "403", "418", "429", "503");
        assertThat(get.getResponses().get("418").getContent().get("application/problem+json")).isNotNull();
    }

    @Test
    void anExampleForNoOperationWithABodyIsAMistake() {
        OpenAPI document = new OpenAPI().paths(new Paths().addPathItem("/api/elsewhere", new PathItem().get(operation())));

        // service-support's test class path has an example for POST /api/things
        assertThatThrownBy(() -> new ApiDocumentCustomizer(List.of(), examples).customise(document))
                .hasMessageContaining("POST /api/things");
    }

    private static Operation operation() {
        return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
    }

    /** With the operation service-support's test class path has an example for, {@code POST /api/things}. */
    private static OpenAPI document(String path, PathItem item) {
        PathItem things = path.equals("/api/things") ? item : new PathItem();
        things.post(operation().requestBody(new RequestBody().content(new Content()
                .addMediaType("application/json", new MediaType()))));
        return new OpenAPI().paths(new Paths().addPathItem(path, item).addPathItem("/api/things", things));
    }
}
