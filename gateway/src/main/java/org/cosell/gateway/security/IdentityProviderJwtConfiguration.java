package org.cosell.gateway.security;

import org.cosell.gateway.devauth.DevAuthConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Validates tokens against the identity provider's keys. The JWK set URI wins when both are set;
 * with only an issuer the keys are discovered from it on first use. The issuer, when set, must match
 * the token's {@code iss}. A token that passed is remembered until it expires (at most 5 minutes),
 * so its signature is checked once, not on every call ({@link CachingReactiveJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = DevAuthConfiguration.ENABLED_PROPERTY, havingValue = false, matchIfMissing = true)
class IdentityProviderJwtConfiguration {

    @Bean
    ReactiveJwtDecoder identityProviderJwtDecoder(JwtProperties jwt) {
        boolean hasIssuer = StringUtils.hasText(jwt.issuerUri());
        NimbusReactiveJwtDecoder decoder;
        if (StringUtils.hasText(jwt.jwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        }
        else if (hasIssuer) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
        }
        else {
            throw new IllegalStateException("No identity provider configured: set JWT_JWK_SET_URI (and JWT_ISSUER_URI), "
                    + "or DEV_AUTH_ENABLED=true to issue local tokens");
        }
        decoder.setJwtValidator(hasIssuer ? JwtValidators.createDefaultWithIssuer(jwt.issuerUri())
                : JwtValidators.createDefault());
        return new CachingReactiveJwtDecoder(decoder);
    }
}
