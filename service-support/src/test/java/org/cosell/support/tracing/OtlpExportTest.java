package org.cosell.support.tracing;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spans leave a service only for the collector {@code OTEL_EXPORTER_OTLP_ENDPOINT} names, as OTLP over
 * HTTP to its {@code /v1/traces}: with the shared defaults of every service, against a collector
 * stand-in that records what it is sent.
 */
class OtlpExportTest {

    private final List<Export> exports = new CopyOnWriteArrayList<>();
    private HttpServer collector;

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withInitializer(context -> {
                try {
                    new YamlPropertySourceLoader().load("defaults", new ClassPathResource("cosell-service-defaults.yml"))
                            .forEach(source -> context.getEnvironment().getPropertySources().addLast(source));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })
            .withPropertyValues("spring.application.name=traced-service",
                    "management.tracing.sampling.probability=1.0")
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class, OtlpExportConfiguration.class));

    record Export(String path, String contentType, byte[] body) {
    }

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            exports.add(new Export(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    @Test
    void theSpansOfASampledTraceGoToTheCollectorTheVariableNames() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=" + collectorAddress(),
                        "management.opentelemetry.tracing.export.schedule-delay=100ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
                    Span span = context.getBean(Tracer.class).nextSpan().name("referral offered").start();
                    String traceId = span.context().traceId();
                    span.end();

                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exports).anySatisfy(export -> {
                        assertThat(export.path()).isEqualTo("/v1/traces");
                        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                        assertThat(contains(export.body(), "referral offered".getBytes(StandardCharsets.UTF_8))).isTrue();
                        assertThat(contains(export.body(), HexFormat.of().parseHex(traceId))).isTrue();
                        assertThat(contains(export.body(), "traced-service".getBytes(StandardCharsets.UTF_8))).isTrue();
                    }));
                });
    }

    @Test
    void withoutTheVariableNoSpanLeavesTheService() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=").run(context -> {
            assertThat(context).doesNotHaveBean(OtlpTracingConnectionDetails.class)
                    .doesNotHaveBean(OtlpHttpSpanExporter.class);
            Span span = context.getBean(Tracer.class).nextSpan().name("referral offered").start();
            assertThat(span.context().traceId()).as("traces still exist, for the logs and the headers").hasSize(32);
            span.end();
        });
        // closing the context flushed whatever an exporter had queued
        assertThat(exports).isEmpty();
    }

    @Test
    void bootsOwnPropertyWinsOverTheVariable() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9",
                        "management.opentelemetry.tracing.export.otlp.endpoint=" + collectorAddress() + "/custom/traces")
                .run(context -> context.getBean(Tracer.class).nextSpan().name("referral offered").start().end());
        // closing the context flushed the span
        assertThat(exports).extracting(Export::path).isNotEmpty().containsOnly("/custom/traces");
    }

    private String collectorAddress() {
        return "http://127.0.0.1:" + collector.getAddress().getPort();
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
