package org.cosell.testsupport;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What a client generated from a service's OpenAPI document relies on, checked for every operation
 * of the document: the bearer security requirement; the problem+json answers every call can give
 * (401, 403, 429, 503) and those its shape implies (400 with the validation schema for a body or a
 * parameter, 413 and 415 and an example for a body, 404 for an id in the path, 412 for
 * {@code If-Match}, and 428 where a {@code PATCH} requires it, 422 for {@code Idempotency-Key});
 * every error answer as {@code application/problem+json} only; and no parameter the client must not
 * send (the caller, which comes from the token).
 */
public final class ApiDocumentRules {

    private static final Set<String> EVERY_CALL = Set.of("401", "403", "429", "503");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiDocumentRules() {
    }

    /** @throws AssertionError naming every operation that breaks a rule, and how */
    public static void assertClientReady(JsonNode document) {
        List<String> violations = violations(document);
        if (!violations.isEmpty()) {
            throw new AssertionError("The OpenAPI document breaks " + violations.size() + " rule(s):\n  "
                    + String.join("\n  ", violations));
        }
    }

    /** Every rule the document breaks, each naming its operation; empty when it keeps them all. */
    public static List<String> violations(JsonNode document) {
        List<String> violations = new ArrayList<>();
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer");
        if (!"http".equals(scheme.path("type").asString("")) || !"bearer".equals(scheme.path("scheme").asString(""))) {
            violations.add("no http bearer security scheme named 'bearer'");
        }
        for (String name : List.of("Problem", "ValidationProblem")) {
            if (document.path("components").path("schemas").path(name).isMissingNode()) {
                violations.add("no schema " + name);
            }
        }
        if (document.path("components").path("schemas").has("Caller")) {
            violations.add("the Caller schema is in the document");
        }
        int operations = 0;
        for (var path : document.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                if (METHODS.contains(entry.getKey())) {
                    operations++;
                    check(entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), entry.getValue(), violations);
                }
            }
        }
        if (operations == 0) {
            violations.add("the document has no operations");
        }
        return violations;
    }

    /**
     * A call per example request body of the document, each path variable an id nobody has: sent,
     * each should pass the body's checks (answer 2xx or 404, never 400, 415 or 422).
     */
    public static List<ExampleCall> exampleCalls(JsonNode document) {
        List<ExampleCall> calls = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                boolean ifMatch = false;
                for (JsonNode parameter : operation.path("parameters")) {
                    ifMatch |= parameter.path("name").asString("").equalsIgnoreCase("If-Match");
                }
                for (var media : operation.path("requestBody").path("content").properties()) {
                    if (media.getValue().has("example")) {
                        // a text example (a CSV file) is the body itself; any other is JSON
                        JsonNode example = media.getValue().get("example");
                        calls.add(new ExampleCall(entry.getKey().toUpperCase(Locale.ROOT),
                                path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString()), media.getKey(),
                                example.isString() ? example.asString() : example.toString(), ifMatch));
                    }
                }
            }
        }
        return calls;
    }

    /** An example body sent as the document says: {@code ifMatch} when the operation reads {@code If-Match}. */
    public record ExampleCall(String method, String path, String contentType, String body, boolean ifMatch) {
    }

    private static void check(String operation, JsonNode spec, List<String> violations) {
        boolean bearer = false;
        for (JsonNode requirement : spec.path("security")) {
            bearer |= requirement.has("bearer");
        }
        if (!bearer) {
            violations.add(operation + ": no security requirement naming 'bearer'");
        }
        JsonNode responses = spec.path("responses");
        List<String> expected = new ArrayList<>(EVERY_CALL);
        JsonNode parameters = spec.path("parameters");
        boolean body = spec.has("requestBody");
        boolean pathId = false;
        JsonNode ifMatch = null;
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString("");
            String in = parameter.path("in").asString("");
            if (name.equalsIgnoreCase("caller") || parameter.path("schema").path("$ref").asString("").endsWith("/Caller")) {
                violations.add(operation + ": has the parameter '" + name + "', which comes from the token");
            }
            pathId |= in.equals("path");
            if (in.equals("header") && name.equalsIgnoreCase("If-Match")) {
                ifMatch = parameter;
            }
            if (in.equals("header") && name.equalsIgnoreCase("Idempotency-Key")) {
                expected.add("422");
            }
        }
        if (body || !parameters.isEmpty()) {
            expected.add("400");
            String schema = responses.path("400").path("content").path("application/problem+json").path("schema")
                    .path("$ref").asString("");
            if (!schema.endsWith("/ValidationProblem")) {
                violations.add(operation + ": 400 is not a ValidationProblem");
            }
        }
        if (body) {
            expected.addAll(List.of("413", "415"));
            for (var media : spec.path("requestBody").path("content").properties()) {
                if (!media.getValue().has("example") && !media.getValue().has("examples")) {
                    violations.add(operation + ": no example of its " + media.getKey() + " body");
                }
            }
        }
        if (pathId) {
            expected.add("404");
        }
        if (ifMatch != null) {
            expected.add("412");
            if (operation.startsWith("PATCH ")) {
                expected.add("428");
                if (!ifMatch.path("required").asBoolean(false)) {
                    violations.add(operation + ": If-Match is required but not marked so");
                }
            }
        }
        for (String status : expected) {
            if (!responses.has(status)) {
                violations.add(operation + ": no " + status + " response");
            }
        }
        boolean success = false;
        for (var response : responses.properties()) {
            success |= response.getKey().startsWith("2");
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                JsonNode content = response.getValue().path("content");
                if (content.size() != 1 || !content.has("application/problem+json")) {
                    violations.add(operation + ": " + response.getKey() + " is not only application/problem+json");
                }
            }
        }
        if (!success) {
            violations.add(operation + ": no success response");
        }
    }
}
