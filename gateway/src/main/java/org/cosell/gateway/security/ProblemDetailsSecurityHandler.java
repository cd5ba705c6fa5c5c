package org.cosell.gateway.security;

import org.cosell.gateway.problem.ProblemDetailWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers 401 (no, malformed, forged or expired token) and 403 as problem+json instead of Spring
 * Security's empty bodies. The {@code WWW-Authenticate} header never echoes token-derived text.
 */
@Component
class ProblemDetailsSecurityHandler implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemDetailWriter problemWriter;

    ProblemDetailsSecurityHandler(ProblemDetailWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenRejected = failure instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenRejected ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = tokenRejected
                ? "The bearer token was rejected: " + reason((OAuth2AuthenticationException) failure)
                : "A bearer token is required in the Authorization header";
        return problemWriter.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problemWriter.write(exchange,
                ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "The token does not allow this request"));
    }

    private static String reason(OAuth2AuthenticationException failure) {
        String description = failure.getError().getDescription();
        return description != null ? description : failure.getError().getErrorCode();
    }
}
