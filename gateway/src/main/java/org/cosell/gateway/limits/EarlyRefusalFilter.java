package org.cosell.gateway.limits;

import java.util.Optional;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses an {@code /api/**} call over its rate limit before Spring Security authenticates and
 * authorizes it, when its bearer token is one the gateway has already accepted: a partner flooding
 * the gateway then costs it little more than reading the request and writing the 429, not the
 * security chain's work for every refused call. The answer is {@link RateLimitFilter}'s own, so the
 * caller cannot tell which of the two refused it.
 *
 * <p>It only ever refuses. A token it does not know (new, forged, expired, or one without a role that
 * may call the API) goes through the full chain, so only a valid token counts against a partner's
 * limits, and a call that is forwarded has passed every check and is counted by
 * {@link RateLimitFilter} once. It sits in the security chain, after the response headers writer,
 * so that its refusals carry the same headers as every other answer.
 */
public final class EarlyRefusalFilter implements WebFilter {

    private static final String BEARER = "Bearer ";

    private final RateLimitFilter limits;

    private final Function<String, Optional<Jwt>> acceptedTokens;

    /**
     * @param acceptedTokens a compact token's claims when the gateway has already accepted it and it
     *        may call the API; empty for any other
     */
    public EarlyRefusalFilter(RateLimitFilter limits, Function<String, Optional<Jwt>> acceptedTokens) {
        this.limits = limits;
        this.acceptedTokens = acceptedTokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return chain.filter(exchange);
        }
        return acceptedTokens.apply(authorization.substring(BEARER.length()))
                .flatMap(token -> limits.refusal(exchange, token))
                .orElseGet(() -> chain.filter(exchange));
    }
}
