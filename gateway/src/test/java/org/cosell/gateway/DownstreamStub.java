package org.cosell.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random port standing in for one downstream service. It answers every call
 * with {@code {"service", "method", "path"}} and remembers the last request per path, so a test can
 * check what the gateway actually sent.
 */
final class DownstreamStub implements AutoCloseable {

    record RecordedRequest(String method, String path, String query, Headers headers, String body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final String service;

    private final HttpServer server;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    private final Map<String, RecordedRequest> lastRequestByPath = new ConcurrentHashMap<>();

    private final Map<String, String> fixedResponses = new ConcurrentHashMap<>();

    /** An answer other than 200 + JSON: a status, its headers and body, sent as they are. */
    record CannedResponse(int status, Map<String, String> headers, String body) {
    }

    private final Map<String, CannedResponse> cannedResponses = new ConcurrentHashMap<>();

    private final Map<String, Integer> callsByPath = new ConcurrentHashMap<>();

    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    private DownstreamStub(String service) throws IOException {
        this.service = service;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::answer);
        this.server.start();
    }

    static DownstreamStub start(String service) {
        try {
            return new DownstreamStub(service);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A local address where nothing listens: connecting to it is refused. */
    static String unreachableUri() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    DownstreamStub respondWith(String path, String json) {
        fixedResponses.put(path, json);
        return this;
    }

    DownstreamStub respondWith(String path, CannedResponse response) {
        cannedResponses.put(path, response);
        return this;
    }

    /** Calls whose whole body arrived. */
    int callsTo(String path) {
        return callsByPath.getOrDefault(path, 0);
    }

    void delayResponsesTo(String path, Duration delay) {
        delays.put(path, delay);
    }

    RecordedRequest lastRequestTo(String path) {
        return lastRequestByPath.get(path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastRequestByPath.put(path, new RecordedRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getQuery(), exchange.getRequestHeaders(), body));
            callsByPath.merge(path, 1, Integer::sum);
            sleep(delays.getOrDefault(path, Duration.ZERO));
            CannedResponse canned = cannedResponses.get(path);
            if (canned != null) {
                byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
                canned.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(canned.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            String response = fixedResponses.getOrDefault(path, """
                    {"service":"%s","method":"%s","path":"%s"}""".formatted(service, exchange.getRequestMethod(), path));
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
