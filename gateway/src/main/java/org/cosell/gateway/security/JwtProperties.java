package org.cosell.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tokens the gateway accepts: the production identity provider ({@code JWT_JWK_SET_URI},
 * {@code JWT_ISSUER_URI}; unused while the local dev token issuer is on) and the audience every token
 * must name in {@code aud} ({@code JWT_AUDIENCE}), whoever issued it.
 */
@ConfigurationProperties("cosell.jwt")
public record JwtProperties(String jwkSetUri, String issuerUri, @DefaultValue("cosell-api") String audience) {
}
