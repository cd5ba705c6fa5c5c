package org.cosell.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    final AtomicLong nanos = new AtomicLong();

    final VerifiedTokens tokens = new VerifiedTokens(clock(), nanos::get);

    @Test
    void recallsTheVerySameTokenItWasGiven() {
        Jwt accepted = tokenExpiringIn(Duration.ofHours(1));

        assertThat(tokens.remember("token-a", accepted)).isSameAs(accepted);

        assertThat(tokens.recall("token-a")).containsSame(accepted);
        assertThat(tokens.recall("token-b")).isEmpty();
    }

    @Test
    void forgetsATokenAfterTheMaximumAge() {
        tokens.remember("token-a", tokenExpiringIn(Duration.ofHours(1)));

        advance(VerifiedTokens.MAX_AGE.minusSeconds(1));
        assertThat(tokens.recall("token-a")).isPresent();

        advance(Duration.ofSeconds(2));
        assertThat(tokens.recall("token-a")).isEmpty();
    }

    @Test
    void forgetsATokenWhenItExpiresEvenBeforeTheMaximumAge() {
        tokens.remember("token-a", tokenExpiringIn(Duration.ofMinutes(1)));

        advance(Duration.ofSeconds(59));
        assertThat(tokens.recall("token-a")).isPresent();

        advance(Duration.ofSeconds(2));
        assertThat(tokens.recall("token-a")).isEmpty();
    }

    @Test
    void neverKeepsATokenThatHasAlreadyExpired() {
        tokens.remember("token-a", tokenExpiringIn(Duration.ofSeconds(-1)));

        assertThat(tokens.recall("token-a")).isEmpty();
    }

    @Test
    void keepsATokenWithoutExpiryForTheMaximumAgeOnly() {
        tokens.remember("token-a", Jwt.withTokenValue("token-a").header("alg", "RS256").subject("user-1").build());

        advance(VerifiedTokens.MAX_AGE.minusSeconds(1));
        assertThat(tokens.recall("token-a")).isPresent();

        advance(Duration.ofSeconds(2));
        assertThat(tokens.recall("token-a")).isEmpty();
    }

    private Jwt tokenExpiringIn(Duration left) {
        Instant now = START.plusNanos(nanos.get());
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("user-1")
                .issuedAt(now.minusSeconds(60)).expiresAt(now.plus(left)).build();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Moves with the cache's ticker, as the wall clock moves with real time. */
    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return START.plusNanos(nanos.get());
            }
        };
    }
}
