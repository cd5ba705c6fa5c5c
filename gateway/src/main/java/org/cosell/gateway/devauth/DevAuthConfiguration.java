package org.cosell.gateway.devauth;

import java.time.Clock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.cosell.gateway.security.CachingReactiveJwtDecoder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Local-only token issuing ({@code DEV_AUTH_ENABLED=true}): a fresh RSA key pair per start, so a
 * token never outlives the gateway that issued it, and the gateway trusts only that key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DevAuthConfiguration.ENABLED_PROPERTY)
public class DevAuthConfiguration {

    public static final String ENABLED_PROPERTY = "cosell.dev-auth.enabled";

    @Bean
    RSAKey devSigningKey() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint(true)
                .generate();
    }

    @Bean
    DevTokenIssuer devTokenIssuer(RSAKey devSigningKey) {
        return new DevTokenIssuer(devSigningKey, Clock.systemUTC());
    }

    @Bean
    ReactiveJwtDecoder devJwtDecoder(RSAKey devSigningKey) throws JOSEException {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(devSigningKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevTokenIssuer.ISSUER));
        return new CachingReactiveJwtDecoder(decoder);
    }
}
