package org.cosell.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cosell.stack.CosellService;
import org.cosell.stack.DevIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as a client sees it, through the gateway or straight at a service's port. */
final class Api {

    static final String GATEWAY = CosellService.GATEWAY.baseUrl();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();

    /** What came back; {@code status} 0 when nothing did ({@code body} then says why). */
    record Response(int status, String contentType, String body, Map<String, List<String>> headers) {

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        String shortly() {
            String text = body == null ? "" : body.replaceAll("\\s+", " ");
            return status + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /** A token from the gateway's dev issuer ({@code POST /dev/token}). */
    String token(String sub, String partnerId, String... roles) {
        String body = json.writeValueAsString(Map.of("sub", sub, "partnerId", partnerId, "roles", List.of(roles),
                "email", sub + "@partner" + partnerId + ".example", "name", "User " + sub));
        Response response = send("POST", GATEWAY + DevIssuer.TOKEN_PATH, null, body);
        if (response.status() != 200) {
            throw new IllegalStateException("POST /dev/token answered " + response.shortly());
        }
        return json.readTree(response.body()).path("token").asString();
    }

    Response get(String url, String token) {
        return send("GET", url, token, null);
    }

    Response send(String method, String url, String token, String body) {
        return sendTyped(method, url, token, body, "application/json");
    }

    Response sendTyped(String method, String url, String token, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            return new Response(0, null, "no answer: " + e, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, null, "interrupted", Map.of());
        }
    }

    JsonNode json(Response response) {
        try {
            return json.readTree(response.body());
        } catch (RuntimeException notJson) {
            return json.missingNode();
        }
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }
}
