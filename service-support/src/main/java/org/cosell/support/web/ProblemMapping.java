package org.cosell.support.web;

import org.springframework.http.HttpStatus;

/**
 * Maps an exception of a service's own domain to an HTTP status, so the domain stays free of web
 * types and every service still answers through the one {@link ProblemDetailsAdvice}. The
 * exception's message becomes the problem's {@code detail}.
 */
public record ProblemMapping(Class<? extends Throwable> exceptionType, HttpStatus status) {

    public static ProblemMapping of(Class<? extends Throwable> exceptionType, HttpStatus status) {
        return new ProblemMapping(exceptionType, status);
    }
}
