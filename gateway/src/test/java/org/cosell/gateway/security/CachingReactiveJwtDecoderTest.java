package org.cosell.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.cosell.tokens.VerifiedTokens;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingReactiveJwtDecoderTest {

    static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    final AtomicLong nanos = new AtomicLong();

    final AtomicInteger checks = new AtomicInteger();

    Instant expiresAt = START.plus(Duration.ofHours(1));

    boolean accept = true;

    final ReactiveJwtDecoder identityProvider = token -> Mono.defer(() -> {
        checks.incrementAndGet();
        if (!accept) {
            return Mono.error(new BadJwtException("rejected"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("user-1")
                .issuedAt(START).expiresAt(expiresAt).build());
    });

    final CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(identityProvider, new VerifiedTokens(clock(), nanos::get));

    @Test
    void checksATokenOnceAndAnswersRepeatsFromMemory() {
        Jwt first = decoder.decode("token-a").block();
        Jwt second = decoder.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void checksEveryDifferentTokenItself() {
        decoder.decode("token-a").block();
        decoder.decode("token-b").block();

        assertThat(checks).hasValue(2);
    }

    @Test
    void neverRemembersARejectedToken() {
        accept = false;

        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged").block());
        }
        assertThat(checks).hasValue(2);
    }

    @Test
    void checksAgainAfterTheMaximumAge() {
        decoder.decode("token-a").block();

        advance(VerifiedTokens.MAX_AGE.plusSeconds(1));
        decoder.decode("token-a").block();

        assertThat(checks).hasValue(2);
    }

    @Test
    void forgetsATokenWhenItExpiresEvenBeforeTheMaximumAge() {
        expiresAt = START.plus(Duration.ofMinutes(1));
        decoder.decode("token-a").block();

        advance(Duration.ofSeconds(59));
        decoder.decode("token-a").block();
        assertThat(checks).hasValue(1);

        advance(Duration.ofSeconds(2));
        accept = false;
        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("token-a").block());
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
