package org.cosell.portal.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing in with OpenID Connect at the identity provider that issues the API's tokens: on when
 * {@code OIDC_ISSUER_URI} is set. The portal is a confidential client of it (authorization code
 * with PKCE), registered as {@value OidcSignInConfiguration#REGISTRATION_ID}.
 *
 * @param issuerUri    the provider's issuer; its discovery document ({@code /.well-known/openid-configuration})
 *                     names the endpoints and keys, and the access tokens must name it in {@code iss}
 * @param clientId     the portal's client id at the provider
 * @param clientSecret the portal's client secret
 * @param scopes       the scopes asked for; {@code openid} is needed, {@code offline_access} makes some
 *                     providers issue refresh tokens
 * @param audience     the {@code aud} the access token must name: the API's, {@code JWT_AUDIENCE}
 */
@ConfigurationProperties("cosell.portal.oidc")
public record OidcSignInProperties(
        String issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue({ "openid", "profile", "email" }) List<String> scopes,
        @DefaultValue("cosell-api") String audience) {

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
