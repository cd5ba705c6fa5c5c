package org.cosell.portal.security;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The provider's user during the sign-in, carrying the {@link PortalUser} its access token names. */
class CosellOidcUser extends DefaultOidcUser {

    private final PortalUser portalUser;

    CosellOidcUser(OidcUser user, PortalUser portalUser) {
        super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
        this.portalUser = portalUser;
    }

    PortalUser portalUser() {
        return portalUser;
    }
}
