package org.cosell.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JWK set the services are pointed at ({@code JWT_JWK_SET_URI}): the gateway's dev key, fetched
 * from {@code /dev/jwks.json}, plus the key of the suite's {@link TokenForge}. The gateway itself
 * trusts only its own key. Listens on a free port of the suite's choosing, not one of the stack's.
 */
final class TrustedKeys implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gatewayKeys;
    private final Map<String, Object> suiteKey;

    TrustedKeys(String gatewayKeys, Map<String, Object> suiteKey) throws IOException {
        this.gatewayKeys = gatewayKeys;
        this.suiteKey = suiteKey;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            byte[] body;
            int status;
            try {
                body = keySet().getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (IOException | RuntimeException e) {
                body = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
                status = 503;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                body = new byte[0];
                status = 503;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String uri() {
        return "http://localhost:" + server.getAddress().getPort() + "/jwks.json";
    }

    private String keySet() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gatewayKeys))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("gateway key set answered " + response.statusCode());
        }
        List<Object> keys = new ArrayList<>();
        for (JsonNode key : json.readTree(response.body()).path("keys")) {
            keys.add(key);
        }
        keys.add(suiteKey);
        return json.writeValueAsString(Map.of("keys", keys));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
