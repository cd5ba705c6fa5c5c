package org.cosell.gateway.devauth;

import java.time.Clock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.cosell.gateway.security.CachingReactiveJwtDecoder;
import org.cosell.gateway.security.JwtProperties;
import org.cosell.gateway.security.TokenValidators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Local-only token issuing ({@code DEV_AUTH_ENABLED=true}): a fresh RSA key pair per start, so a
 * token never outlives the gateway that issued it, and the gateway trusts only that key. Outside
 * local mode ({@code COSELL_LOCAL_MODE}) it says loudly at start that anybody can mint tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DevAuthConfiguration.ENABLED_PROPERTY)
public class DevAuthConfiguration {

    public static final String ENABLED_PROPERTY = "cosell.dev-auth.enabled";

    private static final Logger log = LoggerFactory.getLogger(DevAuthConfiguration.class);

    @Bean
    RSAKey devSigningKey() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint(true)
                .generate();
    }

    @Bean
    DevTokenIssuer devTokenIssuer(RSAKey devSigningKey, JwtProperties jwt,
                                  @Value("${cosell.local-mode:false}") boolean localMode) {
        if (!localMode) {
            log.warn("DEV_AUTH_ENABLED=true outside local mode (COSELL_LOCAL_MODE is not true): anybody who can "
                    + "reach POST /dev/token can mint an admin token for any partner. Never run a shared or "
                    + "production gateway like this: set DEV_AUTH_ENABLED=false and JWT_ISSUER_URI to the identity "
                    + "provider's issuer.");
        }
        return new DevTokenIssuer(devSigningKey, jwt.audience(), Clock.systemUTC());
    }

    @Bean
    CachingReactiveJwtDecoder devJwtDecoder(RSAKey devSigningKey, JwtProperties jwt) throws JOSEException {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(devSigningKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(TokenValidators.forIssuerAndAudience(DevTokenIssuer.ISSUER, jwt.audience()));
        return new CachingReactiveJwtDecoder(decoder);
    }
}
