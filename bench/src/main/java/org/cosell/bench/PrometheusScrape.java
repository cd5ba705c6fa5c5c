package org.cosell.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.cosell.stack.CosellService;
import org.cosell.stack.ServiceEnvironment;

/** What a service's own {@code /actuator/prometheus} says now, read on its management port. */
final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private PrometheusScrape() {
    }

    /** The scrape's text; empty when the service does not answer, or not with 200. */
    static Optional<String> of(CosellService service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ServiceEnvironment.DEFAULT_BIND_ADDRESS + ":"
                + service.managementPort() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notAnswering) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
