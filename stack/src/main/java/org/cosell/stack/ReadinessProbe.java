package org.cosell.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a service whether it is ready: {@code GET /actuator/health/readiness} on its management port
 * answers 200.
 */
public final class ReadinessProbe {

    public static final String PATH = "/actuator/health/readiness";

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_BODY_SHOWN = 300;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * What the service answered.
     *
     * @param ready  whether it answered 200
     * @param answer the status and body, or why there was no answer, to tell the user when it never gets ready
     */
    public record Answer(boolean ready, String answer) {
    }

    /** @param host a host name or address as a URI writes it (an IPv6 address in brackets) */
    public Answer ask(String host, int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + PATH))
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().strip();
            if (body.length() > MAX_BODY_SHOWN) {
                body = body.substring(0, MAX_BODY_SHOWN) + "...";
            }
            return new Answer(response.statusCode() == 200, response.statusCode() + " " + body);
        } catch (IOException e) {
            return new Answer(false, "no answer (" + e.getClass().getSimpleName() + ")");
        }
    }
}
