package org.cosell.gateway.security;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.cosell.tokens.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Checks a token's signature once and answers its repeats from {@link VerifiedTokens}: an RS256
 * check is most of the gateway's CPU per proxied call otherwise.
 */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;

    private final VerifiedTokens verified;

    public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate) {
        this(delegate, new VerifiedTokens());
    }

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return verified.recall(token).map(Mono::just)
                .orElseGet(() -> delegate.decode(token).map(accepted -> verified.remember(token, accepted)));
    }

    /** The claims of a token this decoder accepted and that has not expired since; empty for any other. */
    public Optional<Jwt> accepted(String token) {
        return verified.recall(token);
    }
}
