package org.cosell.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class AlternatingLoadTest {

    // Long enough that the slow side stays the slower one on a busy machine; it can never answer sooner.
    static final long SLOW_MILLIS = 40;

    final List<String> arrived = new CopyOnWriteArrayList<>();
    final HttpServer server = server();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsOneRequestAtATimeTakingTurnsAndMeasuresEachWayApart() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        AlternatingLoad.Result result = AlternatingLoad.run(HttpClient.newHttpClient(), Duration.ofMillis(500),
                n -> HttpRequest.newBuilder(base.resolve("/fast/" + n)).build(),
                n -> HttpRequest.newBuilder(base.resolve("/slow/" + n)).build());

        assertThat(result.first().ok()).isPositive().isEqualTo(result.second().ok());
        assertThat(result.first().errors() + result.second().errors()).isZero();
        assertThat(arrived.subList(0, 4)).containsExactly("/fast/0", "/slow/0", "/fast/1", "/slow/1");
        assertThat(result.second().latency().p50()).isGreaterThanOrEqualTo(SLOW_MILLIS);
        assertThat(result.first().latency().p50()).isLessThan(result.second().latency().p50());
    }

    private HttpServer server() {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            created.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                arrived.add(path);
                if (path.startsWith("/slow/")) {
                    sleep(SLOW_MILLIS);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            created.start();
            return created;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
