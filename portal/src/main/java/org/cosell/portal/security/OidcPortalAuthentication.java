package org.cosell.portal.security;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A session signed in with OpenID Connect. Its API token is the provider's current access token
 * (refreshed as needed, {@link OidcAccessTokens}), not the one {@link PortalUser} was made with; the
 * ID token is kept for signing out at the provider.
 */
class OidcPortalAuthentication extends PortalAuthentication {

    private final OidcUser oidcUser;

    OidcPortalAuthentication(PortalUser user, OidcUser oidcUser) {
        super(user);
        this.oidcUser = oidcUser;
    }

    /** This session as the OAuth2 login it came from, which RP-initiated logout asks for. */
    OAuth2AuthenticationToken asOAuth2Login() {
        return new OAuth2AuthenticationToken(oidcUser, getAuthorities(), OidcSignInConfiguration.REGISTRATION_ID);
    }

    @Override
    public String getName() {
        return getPrincipal().subject();
    }
}
