package org.cosell.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.cosell.contracts.ProblemType;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.web.Problems;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes each service's OpenAPI document one a client can be generated from: the bearer token every
 * call needs, and for every operation the problem+json answers it can give, with the problem types
 * of each status and the schemas {@code Problem} and {@code ValidationProblem}. Which errors an
 * operation can answer follows from its shape, as the API's rules say (docs/api.md):
 * <ul>
 * <li>every call: 401 (token), 403 (role), 429 (the gateway's rate limits), 503 (not admitted now);</li>
 * <li>a body or any parameter: 400; a body: 413 and 415;</li>
 * <li>an id in the path: 404, and for a {@code POST} or {@code PATCH} on it (a move) 409;</li>
 * <li>{@code If-Match}: 412, and on a {@code PATCH}, which requires it, 428;</li>
 * <li>{@code Idempotency-Key}: 422.</li>
 * </ul>
 * What the shape cannot show, a service declares as {@link ProblemResponses}. Request bodies get the
 * service's examples ({@link RequestExamples}).
 */
public class ApiDocumentCustomizer implements OpenApiCustomizer {

    /** The name of the security scheme in the document. */
    public static final String BEARER = "bearer";
    public static final String PROBLEM = "Problem";
    public static final String VALIDATION_PROBLEM = "ValidationProblem";

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final Set<HttpStatus> EVERY_CALL = EnumSet.of(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN,
            HttpStatus.TOO_MANY_REQUESTS, HttpStatus.SERVICE_UNAVAILABLE);
    private static final Map<HttpStatus, String> WHEN = Map.ofEntries(
            Map.entry(HttpStatus.BAD_REQUEST, "A field or parameter is invalid (`errors` names every one), or the "
                    + "body is not readable JSON"),
            Map.entry(HttpStatus.UNAUTHORIZED, "No bearer token, or one that is not valid for this API"),
            Map.entry(HttpStatus.FORBIDDEN, "The token's roles do not allow this call"),
            Map.entry(HttpStatus.NOT_FOUND, "No such id, or another partner's"),
            Map.entry(HttpStatus.CONFLICT, "The current state refuses the call: a move its stage does not allow, "
                    + "a change that kept losing to concurrent ones (try again), or a duplicate"),
            Map.entry(HttpStatus.PRECONDITION_FAILED, "`If-Match` does not name the current version"),
            Map.entry(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than the API takes"),
            Map.entry(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not sent as `application/json`"),
            Map.entry(HttpStatus.UNPROCESSABLE_CONTENT, "The `Idempotency-Key` was used for another request"),
            Map.entry(HttpStatus.PRECONDITION_REQUIRED, "`If-Match` is missing"),
            Map.entry(HttpStatus.TOO_MANY_REQUESTS, "A rate limit of the gateway: `limit` says which "
                    + "(`user`, `partner`, `partner-in-flight`); retry after `Retry-After` seconds"),
            Map.entry(HttpStatus.SERVICE_UNAVAILABLE, "Not admitted now; nothing was done. Retry after `Retry-After` "
                    + "seconds"));

    private final List<ProblemResponses> declared;
    private final RequestExamples examples;

    public ApiDocumentCustomizer(List<ProblemResponses> declared, RequestExamples examples) {
        this.declared = List.copyOf(declared);
        this.examples = examples;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A JWT of the Cosell identity provider naming the partner (`partnerId`) and "
                                + "its roles; locally, one from the gateway's `POST /dev/token`"))
                .addSchemas(PROBLEM, problemSchema(false))
                .addSchemas(VALIDATION_PROBLEM, problemSchema(true)));
        SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
        openApi.setSecurity(List.of(bearer));
        Set<String> examplesUsed = new HashSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                operation.setSecurity(List.of(bearer));
                describeErrors(HttpMethod.valueOf(method.name()), path, operation);
                String key = method.name() + " " + path;
                if (operation.getRequestBody() != null && examples.has(key)) {
                    operation.getRequestBody().getContent().values()
                            .forEach(media -> media.setExample(examples.get(key)));
                    examplesUsed.add(key);
                }
            }));
        }
        examples.checkAllUsed(examplesUsed);
    }

    private void describeErrors(HttpMethod method, String path, Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean pathId = parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
        Parameter ifMatch = header(parameters, HttpHeaders.IF_MATCH);
        Set<HttpStatus> statuses = EnumSet.copyOf(EVERY_CALL);
        if (body || !parameters.isEmpty()) {
            statuses.add(HttpStatus.BAD_REQUEST);
        }
        if (body) {
            statuses.addAll(List.of(HttpStatus.CONTENT_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        }
        if (pathId) {
            statuses.add(HttpStatus.NOT_FOUND);
            if (method == HttpMethod.POST || method == HttpMethod.PATCH) {
                statuses.add(HttpStatus.CONFLICT);
            }
        }
        if (ifMatch != null) {
            statuses.add(HttpStatus.PRECONDITION_FAILED);
            if (method == HttpMethod.PATCH) {
                statuses.add(HttpStatus.PRECONDITION_REQUIRED);
                ifMatch.setRequired(true);
            }
        }
        if (header(parameters, IdempotentRequest.HEADER) != null) {
            statuses.add(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        declared.stream()
                .filter(extra -> extra.method().equals(method) && extra.path().equals(path))
                .forEach(extra -> statuses.addAll(extra.statuses()));

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.keySet().removeIf(code -> code.startsWith("4") || code.startsWith("5"));
        statuses.forEach(status -> responses.addApiResponse(Integer.toString(status.value()), problemResponse(status)));
        operation.setResponses(responses);
    }

    private static Parameter header(List<Parameter> parameters, String name) {
        return parameters.stream()
                .filter(parameter -> "header".equals(parameter.getIn()) && name.equalsIgnoreCase(parameter.getName()))
                .findFirst().orElse(null);
    }

    private static ApiResponse problemResponse(HttpStatus status) {
        List<ProblemType> types = Arrays.stream(ProblemType.values())
                .filter(type -> type.status() == status.value())
                .toList();
        String schema = status == HttpStatus.BAD_REQUEST ? VALIDATION_PROBLEM : PROBLEM;
        String when = WHEN.getOrDefault(status, status.getReasonPhrase());
        ApiResponse response = new ApiResponse()
                .description(types.isEmpty() ? when : when + ". `type`: " + types.stream()
                        .map(type -> "`" + type.uri() + "`").collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + schema))
                        .example(example(status, when, types))));
        if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("Seconds to wait before trying again")
                    .schema(typed("integer")));
        }
        return response;
    }

    /** A problem of the status's first type; one of a status without a type leaves {@code type} out (about:blank). */
    private static Map<String, Object> example(HttpStatus status, String when, List<ProblemType> types) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (!types.isEmpty()) {
            example.put("type", types.get(0).uri().toString());
        }
        example.put("title", status.getReasonPhrase());
        example.put("status", status.value());
        example.put("detail", when.replace("`", ""));
        if (!types.isEmpty() && types.get(0) == ProblemType.VALIDATION) {
            example.put(Problems.ERRORS, List.of(Map.of("field", "name", "message", "must not be blank")));
        }
        return example;
    }

    private static Schema<Object> problemSchema(boolean withErrors) {
        Schema<Object> schema = typed("object")
                .description(withErrors
                        ? "A problem (RFC 9457) whose `errors`, for `type` `" + ProblemType.VALIDATION.uri()
                                + "`, names every invalid field"
                        : "A problem (RFC 9457); `type` names the kind of problem (docs/api.md lists them)")
                .addProperty("type", typed("string").format("uri")
                        .description("The kind of problem, one of the `" + ProblemType.URI_PREFIX + "…` types"))
                .addProperty("title", typed("string"))
                .addProperty("status", typed("integer"))
                .addProperty("detail", typed("string").description("For people; clients go by `type`"))
                .addProperty("instance", typed("string").format("uri"));
        schema.setRequired(new ArrayList<>(List.of("type", "title", "status")));
        if (withErrors) {
            schema.addProperty(Problems.ERRORS, typed("array").items(typed("object")
                    .addProperty("field", typed("string").description("A JSON path such as `employees[0].email`"))
                    .addProperty("message", typed("string"))));
        }
        return schema;
    }

    /** A schema of one JSON type, written as OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) expect. */
    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }
}
