package org.cosell.tracing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenTelemetry collector stand-in: a real HTTP server on a random local port that answers every
 * export 200 and keeps what it was sent. The spans arrive as OTLP protobuf; a span's name and its
 * service's name are in it as text, its trace id as 16 raw bytes, so an export is searched for those
 * rather than decoded.
 */
public final class OtlpCollector implements AutoCloseable {

    /** One export request as it arrived. */
    public record Export(String path, String contentType, byte[] body) {

        public boolean containsText(String text) {
            return contains(body, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Whether a span of the trace with this id (32 hex digits) is in the export. */
        public boolean containsTraceId(String traceId) {
            return contains(body, HexFormat.of().parseHex(traceId));
        }
    }

    private final HttpServer server;

    private final List<Export> exports = new CopyOnWriteArrayList<>();

    private OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exports.add(new Export(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public static OtlpCollector start() {
        try {
            return new OtlpCollector();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base address, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector. */
    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Export> exports() {
        return List.copyOf(exports);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
