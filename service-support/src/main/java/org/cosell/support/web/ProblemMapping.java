package org.cosell.support.web;

import org.cosell.contracts.ProblemType;
import org.springframework.http.HttpStatus;

/**
 * Maps an exception of a service's own domain to a problem type and its HTTP status, so the domain
 * stays free of web types and every service still answers through the one {@link ProblemDetailsAdvice}.
 * The exception's message becomes the problem's {@code detail}.
 */
public record ProblemMapping(Class<? extends Throwable> exceptionType, ProblemType type) {

    public static ProblemMapping of(Class<? extends Throwable> exceptionType, ProblemType type) {
        return new ProblemMapping(exceptionType, type);
    }

    /** With the type {@link ProblemType#forStatus} gives {@code status}; a status with several types gets the most general. */
    public static ProblemMapping of(Class<? extends Throwable> exceptionType, HttpStatus status) {
        return new ProblemMapping(exceptionType, ProblemType.forStatus(status.value()).orElseThrow(
                () -> new IllegalArgumentException("No problem type for status " + status + "; name one")));
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(type.status());
    }
}
