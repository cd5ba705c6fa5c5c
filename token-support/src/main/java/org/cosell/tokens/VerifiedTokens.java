package org.cosell.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The bearer tokens that passed the full check (signature, issuer, audience, time), so a client that
 * sends the same token with every call costs one signature check per token instead of one per
 * request (an RS256 check is most of the CPU of a proxied call or a read by id otherwise). The
 * gateway's reactive decoder and the services' blocking one both keep their tokens here.
 *
 * <p>Keyed by the whole compact token, signature included: a hit is the same bytes that passed
 * moments ago. An entry lives until the token's {@code exp} or for {@link #MAX_AGE}, whichever comes
 * first, so an expired token is never answered from here, and a key withdrawn from the identity
 * provider's key set stops being honoured about as soon as the decoder's own key set cache would
 * notice. Only accepted tokens are ever remembered: a forged or expired one is checked in full every
 * time.
 */
public final class VerifiedTokens {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** About 3 KB each (token and parsed claims): a few MB at most. */
    static final int MAX_TOKENS = 1_000;

    private final Clock clock;

    private final Cache<String, Jwt> verified;

    public VerifiedTokens() {
        this(Clock.systemUTC(), Ticker.systemTicker());
    }

    public VerifiedTokens(Clock clock, Ticker ticker) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .ticker(ticker)
                .build();
    }

    public Optional<Jwt> recall(String token) {
        return Optional.ofNullable(verified.getIfPresent(token));
    }

    /** Keeps a token its decoder just accepted, unless it has already expired. */
    public Jwt remember(String token, Jwt accepted) {
        if (!lifetime(accepted).isZero()) {
            verified.put(token, accepted);
        }
        return accepted;
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
