package org.cosell.gateway.security;

import org.cosell.gateway.devauth.DevAuthConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Validates tokens against the identity provider's keys: those of the JWK set URI when it is set,
 * else those the issuer publishes (discovered on first use). The token's {@code iss} must always be
 * the issuer: a key set alone would accept any token its keys signed, whoever claims to have issued
 * it, so without an issuer the gateway refuses to start — the same rule as every service. The
 * audience and partner rules are {@link TokenValidators}'. A token that passed is remembered until it
 * expires (at most 5 minutes), so its signature is checked once, not on every call
 * ({@link CachingReactiveJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = DevAuthConfiguration.ENABLED_PROPERTY, havingValue = false, matchIfMissing = true)
class IdentityProviderJwtConfiguration {

    @Bean
    CachingReactiveJwtDecoder identityProviderJwtDecoder(JwtProperties jwt) {
        if (!StringUtils.hasText(jwt.issuerUri())) {
            throw new IllegalStateException(StringUtils.hasText(jwt.jwkSetUri())
                    ? "JWT_JWK_SET_URI is set but JWT_ISSUER_URI is not: set JWT_ISSUER_URI to the issuer (iss) "
                            + "of the tokens to accept"
                    : "No identity provider configured: set JWT_ISSUER_URI (and JWT_JWK_SET_URI unless the issuer "
                            + "publishes its keys), or DEV_AUTH_ENABLED=true to issue local tokens");
        }
        NimbusReactiveJwtDecoder decoder = StringUtils.hasText(jwt.jwkSetUri())
                ? NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build()
                : NimbusReactiveJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
        decoder.setJwtValidator(TokenValidators.forIssuerAndAudience(jwt.issuerUri(), jwt.audience()));
        return new CachingReactiveJwtDecoder(decoder);
    }
}
