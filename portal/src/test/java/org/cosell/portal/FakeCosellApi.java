package org.cosell.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The public API (the gateway) as a real HTTP server on a random port: each test says what a
 * method and path answer, and reads what the portal sent. An unknown call answers 404
 * problem+json, like the API, and like an older API that does not have a newer call (an
 * opportunity's activity or notes, say).
 */
final class FakeCosellApi implements AutoCloseable {

    record Request(String method, String path, String query, Headers headers, String body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String queryParam(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                if (parts[0].equals(name)) {
                    return parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
                }
            }
            return null;
        }
    }

    record Response(int status, Map<String, String> headers, String body) {

        static Response json(String body) {
            return new Response(200, Map.of("Content-Type", "application/json"), body);
        }

        static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body);
        }

        static Response problem(int status, String detail) {
            return new Response(status, Map.of("Content-Type", "application/problem+json"), """
                    {"type":"about:blank","title":"Error","status":%d,"detail":"%s"}""".formatted(status, detail));
        }

        static Response problem(int status, String detail, String errorsJson) {
            return new Response(status, Map.of("Content-Type", "application/problem+json"), """
                    {"type":"about:blank","title":"Error","status":%d,"detail":"%s","errors":%s}"""
                    .formatted(status, detail, errorsJson));
        }

        /**
         * A CSV body sent as it is written, without a length ({@code Transfer-Encoding: chunked}), as
         * the API streams an export.
         */
        static Response csv(String body) {
            return new Response(200, Map.of("Content-Type", "text/csv;charset=UTF-8", STREAMED, "true"), body);
        }

        static Response noContent() {
            return new Response(204, Map.of(), "");
        }

        /** Closes the connection without answering: what a gateway that went away looks like. */
        static Response hangUp() {
            return new Response(-1, Map.of(), "");
        }
    }

    /** Marks a response sent without a length; not sent as a header. */
    private static final String STREAMED = "X-Fake-Streamed";

    private final HttpServer server;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    private final Map<String, Function<Request, Response>> answers = new ConcurrentHashMap<>();

    private final List<Request> received = new CopyOnWriteArrayList<>();

    private FakeCosellApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    static FakeCosellApi start() {
        try {
            return new FakeCosellApi();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeCosellApi on(String method, String path, Function<Request, Response> answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    FakeCosellApi on(String method, String path, Response response) {
        return on(method, path, request -> response);
    }

    void reset() {
        answers.clear();
        received.clear();
    }

    List<Request> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    Request last(String method, String path) {
        List<Request> matching = received(method, path);
        return matching.isEmpty() ? null : matching.get(matching.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body);
        received.add(request);
        Function<Request, Response> answer = answers.get(request.method() + " " + path);
        Response response = answer == null ? Response.problem(404, "Not found") : answer.apply(request);
        if (response.status() < 0) {
            exchange.close();
            return;
        }
        try (exchange) {
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            boolean streamed = response.headers().containsKey(STREAMED);
            response.headers().forEach((name, value) -> {
                if (!name.equals(STREAMED)) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
            exchange.sendResponseHeaders(response.status(),
                    streamed ? 0 : response.status() == 204 || bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }
}
