package org.cosell.gateway.security;

import org.cosell.gateway.problem.ProblemDetailWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers 401 (no, malformed, forged or expired token) and 403 as problem+json instead of Spring
 * Security's empty bodies. Neither the {@code detail} nor the {@code WWW-Authenticate} header echoes
 * what the token decoder said (parser messages, claim values, key ids): a caller learns which of a
 * few fixed cases it hit, nothing that helps to probe the decoder.
 */
@Component
class ProblemDetailsSecurityHandler implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    static final String MISSING = "A bearer token is required in the Authorization header";

    static final String MALFORMED_HEADER = "The Authorization header does not hold a well-formed bearer token";

    static final String EXPIRED = "The bearer token has expired; get a new one";

    static final String INVALID = "The bearer token was rejected: it is not a token of the trusted issuer for this "
            + "API (signature, issuer, audience) or does not name a partner";

    static final String FORBIDDEN = "The token's roles do not allow this call";

    private final ProblemDetailWriter problemWriter;

    ProblemDetailsSecurityHandler(ProblemDetailWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenRejected = failure instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenRejected ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = tokenRejected ? rejection((OAuth2AuthenticationException) failure) : MISSING;
        return problemWriter.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problemWriter.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, FORBIDDEN));
    }

    private static String rejection(OAuth2AuthenticationException failure) {
        if (BearerTokenErrorCodes.INVALID_REQUEST.equals(failure.getError().getErrorCode())) {
            return MALFORMED_HEADER;
        }
        return expiredOnly(failure) ? EXPIRED : INVALID;
    }

    /** Only when the signature and every other claim passed and the lifetime alone failed. */
    private static boolean expiredOnly(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return !invalid.getErrors().isEmpty() && invalid.getErrors().stream()
                        .allMatch(error -> error.getDescription() != null && error.getDescription().startsWith("Jwt expired"));
            }
        }
        return false;
    }
}
