package org.cosell.gateway.routing;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.cosell.gateway.limits.RequestBodyTooLargeException;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Defaults for the circuit breaker of every route (one per service, named after it in
 * {@code application.yml}). Resilience4j's own default waits 100 calls before it may open and gives
 * up after 1 s; a gateway in front of a handful of services wants to open sooner and wait longer.
 *
 * <p>Only failures to get an answer count: any answer, a service's own 503 when it sheds load
 * included, is a success to the breaker and reaches the caller unchanged (the routes name no
 * {@code statusCodes}), so a busy service is never cut off by its own back-pressure. A caller's
 * body cut off at the size limit is not the service's failure either.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    static final Duration WAIT_IN_OPEN_STATE = Duration.ofSeconds(10);

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> downstreamCircuitBreakerDefaults(DownstreamProperties downstream) {
        CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(WAIT_IN_OPEN_STATE)
                .ignoreException(CircuitBreakerConfiguration::isCallersFault)
                .build();
        TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
                .timeoutDuration(downstream.timeout())
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(circuitBreaker)
                .timeLimiterConfig(timeLimiter)
                .build());
    }

    private static boolean isCallersFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
