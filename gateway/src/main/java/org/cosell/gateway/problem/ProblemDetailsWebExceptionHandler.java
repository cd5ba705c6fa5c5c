package org.cosell.gateway.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.cosell.contracts.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every exception that reaches the web layer (unknown paths, unreadable or invalid bodies,
 * gateway failures, bugs) into {@code application/problem+json}. It runs before Boot's default error
 * handler, which would answer its own JSON shape. Security failures never get here: the security
 * filter chain answers those itself.
 */
@Component
@Order(-2)
public class ProblemDetailsWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsWebExceptionHandler.class);

    /** One entry of a validation problem's {@code errors} list. */
    record InvalidField(String field, String message) {
    }

    private final ProblemDetailWriter problemWriter;

    public ProblemDetailsWebExceptionHandler(ProblemDetailWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        // handle() puts the request's trace context into the MDC, so the error log line carries its trace id
        return Mono.just(failure)
                .<ProblemDetail>handle((unhandled, sink) -> sink.next(toProblem(exchange, unhandled)))
                .flatMap(problem -> problemWriter.write(exchange, problem));
    }

    private ProblemDetail toProblem(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof WebExchangeBindException invalid) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is invalid");
            problem.setType(ProblemType.VALIDATION.uri());
            problem.setProperty("errors", fieldErrors(invalid));
            return problem;
        }
        if (failure instanceof ServerWebInputException unreadable) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request could not be read: " + unreadable.getReason());
        }
        if (failure instanceof ErrorResponse errorResponse) {
            exchange.getResponse().getHeaders().addAll(errorResponse.getHeaders());
            ProblemDetail problem = errorResponse.getBody();
            if (problem.getDetail() == null) {
                problem.setDetail(defaultDetail(exchange, errorResponse));
            }
            return problem;
        }
        log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                failure);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to handle the request");
    }

    private static List<InvalidField> fieldErrors(WebExchangeBindException invalid) {
        return Stream.concat(
                        invalid.getFieldErrors().stream()
                                .map(error -> new InvalidField(error.getField(), message(error.getDefaultMessage()))),
                        invalid.getGlobalErrors().stream()
                                .map(error -> new InvalidField(error.getObjectName(), message(error.getDefaultMessage()))))
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
    }

    private static String message(String defaultMessage) {
        return defaultMessage == null ? "is invalid" : defaultMessage;
    }

    private static String defaultDetail(ServerWebExchange exchange, ErrorResponse errorResponse) {
        if (errorResponse.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            return "Nothing is served at " + exchange.getRequest().getPath().value();
        }
        HttpStatus status = HttpStatus.resolve(errorResponse.getStatusCode().value());
        return status == null ? "The request failed" : status.getReasonPhrase();
    }
}
