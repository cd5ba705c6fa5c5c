package org.cosell.support.security;

import org.cosell.tokens.VerifiedTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTest {

    static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger checks = new AtomicInteger();
    Instant expiresAt = START.plus(Duration.ofHours(1));
    boolean accept = true;

    final JwtDecoder keySetDecoder = token -> {
        checks.incrementAndGet();
        if (!accept) {
            throw new BadJwtException("rejected");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("user-1")
                .issuedAt(START).expiresAt(expiresAt).build();
    };

    final CachingJwtDecoder decoder = new CachingJwtDecoder(keySetDecoder, new VerifiedTokens(clock(), nanos::get));

    @Test
    void checksATokenOnceAndAnswersRepeatsFromMemory() {
        Jwt first = decoder.decode("token-a");

        assertThat(decoder.decode("token-a")).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void checksEveryDifferentTokenItself() {
        decoder.decode("token-a");
        decoder.decode("token-b");

        assertThat(checks).hasValue(2);
    }

    @Test
    void neverRemembersARejectedToken() {
        accept = false;

        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
        }
        assertThat(checks).hasValue(2);
    }

    @Test
    void checksAgainAfterTheMaximumAge() {
        decoder.decode("token-a");

        advance(VerifiedTokens.MAX_AGE.plusSeconds(1));
        decoder.decode("token-a");

        assertThat(checks).hasValue(2);
    }

    @Test
    void forgetsATokenWhenItExpiresEvenBeforeTheMaximumAge() {
        expiresAt = START.plus(Duration.ofMinutes(1));
        decoder.decode("token-a");

        advance(Duration.ofSeconds(59));
        decoder.decode("token-a");
        assertThat(checks).hasValue(1);

        advance(Duration.ofSeconds(2));
        accept = false;
        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("token-a"));
        assertThat(checks).hasValue(2);
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
