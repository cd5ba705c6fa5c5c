package org.cosell.gateway.routing;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import org.cosell.gateway.problem.ProblemDetailWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

/**
 * The circuit breakers' fallback ({@code forward:/fallback/<service>}): the one deliberate 5xx the
 * gateway answers. Reached only through a forward from a failed route; called directly it does not
 * exist.
 */
@Hidden
@RestController
class ServiceUnavailableController {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableController.class);

    @RequestMapping("/fallback/{service}")
    Mono<ResponseEntity<ProblemDetail>> serviceUnavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unavailable; try again later");
        problem.setType(ProblemDetailWriter.BLANK_TYPE);
        problem.setTitle("Service unavailable");
        problem.setProperty("service", service);
        problem.setInstance(originalPath(exchange));
        // handle() puts the request's trace context into the MDC, so the log line carries its trace id
        return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem))
                .handle((response, sink) -> {
                    log.warn("{} is unavailable: {}", service, failure.toString());
                    sink.next(response);
                });
    }

    /**
     * The path the client called, not the internal forward to this fallback: the circuit breaker
     * forwards a copy of the exchange ({@code exchange.mutate()}), so the innermost one holds the
     * request as it arrived.
     */
    private static URI originalPath(ServerWebExchange exchange) {
        ServerWebExchange called = exchange;
        while (called instanceof ServerWebExchangeDecorator decorator) {
            called = decorator.getDelegate();
        }
        return URI.create(called.getRequest().getPath().value());
    }
}
