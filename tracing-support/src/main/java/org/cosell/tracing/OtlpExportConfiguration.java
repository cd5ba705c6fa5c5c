package org.cosell.tracing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Sends the spans an application records (a service, the gateway, the portal) to the OTLP collector
 * that {@code OTEL_EXPORTER_OTLP_ENDPOINT} names, the variable every OpenTelemetry SDK reads, and sends
 * none while it is unset or empty. Each application's configuration maps the variable to
 * {@value #ENDPOINT}. The variable is a base address; as the OpenTelemetry specification says, spans go
 * to its {@code /v1/traces} over HTTP (or to the address itself over gRPC). Boot's own property
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}, the full address) still wins: this
 * bean is made only where that property is absent.
 */
@AutoConfiguration(before = OtlpTracingAutoConfiguration.class)
@ConditionalOnClass(OtlpTracingConnectionDetails.class)
public class OtlpExportConfiguration {

    static final String ENDPOINT = "cosell.tracing.otlp-endpoint";
    static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Bean
    @Conditional(EndpointNamed.class)
    OtlpTracingConnectionDetails otlpEndpointFromEnvironment(@Value("${" + ENDPOINT + "}") String endpoint) {
        return new OtlpEndpoint(endpoint.strip());
    }

    record OtlpEndpoint(String base) implements OtlpTracingConnectionDetails {

        @Override
        public String getUrl(Transport transport) {
            if (transport == Transport.GRPC) {
                return base;
            }
            return base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
        }
    }

    static class EndpointNamed extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (context.getEnvironment().containsProperty(BOOT_ENDPOINT)) {
                return ConditionOutcome.noMatch(BOOT_ENDPOINT + " is set");
            }
            return StringUtils.hasText(context.getEnvironment().getProperty(ENDPOINT))
                    ? ConditionOutcome.match(ENDPOINT + " names a collector")
                    : ConditionOutcome.noMatch(ENDPOINT + " is empty");
        }
    }
}
