package org.cosell.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spans leave an application only for the collector {@code OTEL_EXPORTER_OTLP_ENDPOINT} names, as OTLP
 * over HTTP to its {@code /v1/traces}: with the mapping of the variable every Cosell application's
 * configuration declares, against a collector stand-in that records what it is sent.
 */
class OtlpExportTest {

    private final OtlpCollector collector = OtlpCollector.start();

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withPropertyValues("spring.application.name=traced-service",
                    "cosell.tracing.otlp-endpoint=${OTEL_EXPORTER_OTLP_ENDPOINT:}",
                    "management.tracing.sampling.probability=1.0")
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class, OtlpExportConfiguration.class));

    @AfterEach
    void stopCollector() {
        collector.close();
    }

    @Test
    void theSpansOfASampledTraceGoToTheCollectorTheVariableNames() {
        application.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.address(),
                        "management.opentelemetry.tracing.export.schedule-delay=100ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
                    Span span = context.getBean(Tracer.class).nextSpan().name("referral offered").start();
                    String traceId = span.context().traceId();
                    span.end();

                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(collector.exports()).anySatisfy(export -> {
                        assertThat(export.path()).isEqualTo("/v1/traces");
                        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                        assertThat(export.containsText("referral offered")).isTrue();
                        assertThat(export.containsTraceId(traceId)).isTrue();
                        assertThat(export.containsText("traced-service")).isTrue();
                    }));
                });
    }

    @Test
    void aTrailingSlashInTheBaseAddressIsNotDoubled() {
        application.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.address() + "/")
                .run(context -> context.getBean(Tracer.class).nextSpan().name("referral offered").start().end());
        // closing the context flushed the span
        assertThat(collector.exports()).extracting(OtlpCollector.Export::path).isNotEmpty().containsOnly("/v1/traces");
    }

    @Test
    void withoutTheVariableNoSpanLeavesTheApplication() {
        application.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=").run(context -> {
            assertThat(context).doesNotHaveBean(OtlpTracingConnectionDetails.class)
                    .doesNotHaveBean(OtlpHttpSpanExporter.class);
            Span span = context.getBean(Tracer.class).nextSpan().name("referral offered").start();
            assertThat(span.context().traceId()).as("traces still exist, for the logs and the headers").hasSize(32);
            span.end();
        });
        // closing the context flushed whatever an exporter had queued
        assertThat(collector.exports()).isEmpty();
    }

    @Test
    void bootsOwnPropertyWinsOverTheVariable() {
        application.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9",
                        "management.opentelemetry.tracing.export.otlp.endpoint=" + collector.address() + "/custom/traces")
                .run(context -> context.getBean(Tracer.class).nextSpan().name("referral offered").start().end());
        // closing the context flushed the span
        assertThat(collector.exports()).extracting(OtlpCollector.Export::path).isNotEmpty().containsOnly("/custom/traces");
    }
}
