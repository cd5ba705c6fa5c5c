package org.cosell.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.swagger.v3.oas.annotations.Hidden;
import org.cosell.contracts.ProblemType;
import org.cosell.gateway.limits.RequestBodyTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
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
 * The circuit breakers' fallback ({@code forward:/fallback/<service>}): answers a proxied call that
 * failed so the caller knows whether the service may have acted on it.
 * <ul>
 * <li>503 + {@code Retry-After}: the call never reached the service (connection refused, the host
 * unknown, the circuit open). Nothing happened; retrying later is safe.</li>
 * <li>504: the call was sent and the service did not answer within the gateway's time limit. It may
 * still apply it: the caller must check (or retry with the same {@code Idempotency-Key}) rather than
 * blindly send it again.</li>
 * <li>502: the connection broke after the call was sent; the same uncertainty as 504.</li>
 * </ul>
 * A person's browser opening one of the portal's pages gets the same status as an HTML page saying
 * the portal is unavailable ({@link PortalUnavailablePage}) rather than the problem.
 * A body above the limit that was cut off while streaming to the service is the caller's 413, not a
 * service failure. Reached only through a forward from a failed route; called directly it does not
 * exist.
 */
@Hidden
@RestController
class DownstreamFailureController {

    private static final Logger log = LoggerFactory.getLogger(DownstreamFailureController.class);

    private final DownstreamProperties downstream;

    DownstreamFailureController(DownstreamProperties downstream) {
        this.downstream = downstream;
    }

    @RequestMapping("/fallback/{service}")
    Mono<ResponseEntity<?>> downstreamFailed(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        RequestBodyTooLargeException tooLarge = causeOfType(failure, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return Mono.error(tooLarge);
        }
        ResponseEntity<ProblemDetail> problem = answer(service, failure, originalPath(exchange));
        ResponseEntity<?> response = PortalUnavailablePage.wanted(service, exchange.getRequest())
                ? PortalUnavailablePage.answer(problem, exchange.getRequest()) : problem;
        // handle() puts the request's trace context into the MDC, so the log line carries its trace id
        return Mono.just(response).handle((answered, sink) -> {
            log.warn("{} call failed ({}): {}", service, answered.getStatusCode().value(), failure.toString());
            sink.next(answered);
        });
    }

    private ResponseEntity<ProblemDetail> answer(String service, Throwable failure, URI instance) {
        if (neverSent(failure)) {
            long retryAfter = failure instanceof CallNotPermittedException
                    ? CircuitBreakerConfiguration.WAIT_IN_OPEN_STATE.toSeconds() : 1;
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE,
                    "Service unavailable", service, instance,
                    service + " is unavailable; the call did not reach it, so nothing was done. Try again later");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter))
                    .body(problem);
        }
        HttpStatus status = causeOfType(failure, TimeoutException.class) != null
                ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        String what = status == HttpStatus.GATEWAY_TIMEOUT
                ? service + " did not answer within " + downstream.timeout().toSeconds() + " s"
                : "The connection to " + service + " broke before it answered";
        ProblemDetail problem = problem(status, ProblemType.OUTCOME_UNKNOWN, "Outcome unknown", service, instance, what
                + ". The call was sent and may still take effect: check its outcome before retrying, "
                + "or retry with the same Idempotency-Key");
        return ResponseEntity.status(status).body(problem);
    }

    private static boolean neverSent(Throwable failure) {
        return failure instanceof CallNotPermittedException
                || causeOfType(failure, ConnectException.class) != null
                || causeOfType(failure, UnknownHostException.class) != null;
    }

    private static ProblemDetail problem(HttpStatus status, ProblemType type, String title, String service, URI instance,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(title);
        problem.setProperty("service", service);
        problem.setInstance(instance);
        return problem;
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
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
