package org.cosell.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers the tokens the JWK set decoder accepted, so a client that sends the same bearer token
 * with every call costs one signature check per token instead of one per request (an RS256 check
 * was a third of a service's CPU for a read by id).
 *
 * <p>Only tokens that passed the full check (signature, issuer, time) are kept, keyed by the whole
 * compact token, signature included: a hit is the same bytes that passed moments ago. An entry lives
 * until the token's {@code exp} or for {@link #MAX_AGE}, whichever comes first, so an expired token
 * is never served from here, and a key withdrawn from the key set stops being honoured about as soon
 * as the decoder's own key set cache would notice. Rejected tokens are never kept: a forged or
 * expired one is checked in full every time.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** About 3 KB each (token and parsed claims): a few MB at most. */
    static final int MAX_TOKENS = 1_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(JwtDecoder delegate) {
        this(delegate, Clock.systemUTC(), Ticker.systemTicker());
    }

    CachingJwtDecoder(JwtDecoder delegate, Clock clock, Ticker ticker) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .ticker(ticker)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        if (!lifetime(jwt).isZero()) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return MAX_AGE;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }
}
