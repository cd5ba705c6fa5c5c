package org.cosell.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The production identity provider ({@code JWT_JWK_SET_URI}, {@code JWT_ISSUER_URI}); unused while
 * the local dev token issuer is on.
 */
@ConfigurationProperties("cosell.jwt")
public record JwtProperties(String jwkSetUri, String issuerUri) {
}
