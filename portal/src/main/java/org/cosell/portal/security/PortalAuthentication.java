package org.cosell.portal.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A signed-in session: the {@link PortalUser}, with their Cosell roles as authorities. */
public class PortalAuthentication extends AbstractAuthenticationToken {

    private final PortalUser user;

    public PortalAuthentication(PortalUser user) {
        super(AuthorityUtils.createAuthorityList(user.roles()));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public PortalUser getPrincipal() {
        return user;
    }

    /** The API token is no credential of the portal's own sign-in; it is never erased or exposed here. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
