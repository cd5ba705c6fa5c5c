package org.cosell.support.security;

import org.cosell.tokens.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Checks a token's signature once and answers its repeats from {@link VerifiedTokens}. */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;

    public CachingJwtDecoder(JwtDecoder delegate) {
        this(delegate, new VerifiedTokens());
    }

    CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) {
        return verified.recall(token).orElseGet(() -> verified.remember(token, delegate.decode(token)));
    }
}
