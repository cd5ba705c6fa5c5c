package org.cosell.support.web;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What keeps one client, or a burst of them, from taking a service down: a cap on request bodies,
 * read limits on the JSON parser of request bodies, a bound on the API requests worked on at once,
 * and problem+json from the error path.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(RequestLimits.class)
public class RequestLimitsConfiguration {

    /** Before Spring Security (-100): a body too large or a request past the limit costs no token check. */
    static final int ADMISSION_ORDER = -110;
    static final int BODY_LIMIT_ORDER = -105;

    static final String BULKHEAD_NAME = "api";
    static final String REFUSED_METRIC = "cosell.http.requests.refused";

    /**
     * The parser limits of request bodies. The API's bodies nest four levels deep, their longest
     * text is 5,000 characters and their numbers are amounts: far inside these, which only stop
     * documents built to make the parser work (Jackson's own defaults allow 20 MB strings and
     * 1,000-digit numbers).
     */
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_STRING_LENGTH = 100_000;
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 1_000;

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(RequestLimits limits, MeterRegistry meters,
                                                            JsonMapper jsonMapper) {
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxConcurrentRequests())
                .maxWaitDuration(Duration.ZERO)
                .build());
        Bulkhead bulkhead = bulkheads.bulkhead(BULKHEAD_NAME);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        Counter refused = Counter.builder(REFUSED_METRIC)
                .description("API requests answered 503 at once because the service was working on as many as it admits")
                .tag("reason", "overload")
                .register(meters);
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(bulkhead, refused, jsonMapper));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ADMISSION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimits limits, JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits.maxBodySize().toBytes(),
                        bytesByPath(limits.maxBodySizeByPath()), jsonMapper));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    private static Map<String, Long> bytesByPath(Map<String, DataSize> sizes) {
        Map<String, Long> bytes = new HashMap<>();
        sizes.forEach((path, size) -> bytes.put(path, size.toBytes()));
        return bytes;
    }

    /**
     * The converter that reads and writes request and response bodies, configured like the
     * application's {@link JsonMapper} (the same customizers), with a parser held to the read limits
     * above and to the body size cap. It takes the place of Boot's JSON converter in the list, so the
     * converters keep their order. Only HTTP bodies: the shared mapper also reads files a service is
     * pointed at, which may be larger.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer constrainedJsonConverter(RequestLimits limits,
            ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory parser = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxBodySize().toBytes())
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(parser);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        JacksonJsonHttpMessageConverter constrained = new JacksonJsonHttpMessageConverter(builder.build());
        return converters -> converters.configureMessageConvertersList(list -> list.replaceAll(converter ->
                converter.getClass() == JacksonJsonHttpMessageConverter.class ? constrained : converter));
    }

    @Bean
    ProblemErrorController problemErrorController(JsonMapper jsonMapper) {
        return new ProblemErrorController(jsonMapper);
    }
}
