package org.cosell.portal.security;

import java.util.Optional;

import org.cosell.portal.api.ApiTokenSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The token of the {@link PortalUser} the session's security context holds: for an OpenID Connect
 * sign-in the provider's current access token ({@link OidcAccessTokens}), for the dev sign-in the
 * token the gateway issued.
 */
@Component
class SessionApiTokenSource implements ApiTokenSource {

    private final ObjectProvider<OidcAccessTokens> oidcTokens;

    SessionApiTokenSource(ObjectProvider<OidcAccessTokens> oidcTokens) {
        this.oidcTokens = oidcTokens;
    }

    @Override
    public Optional<String> currentToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof OidcPortalAuthentication oidc) {
            OidcAccessTokens tokens = oidcTokens.getIfAvailable();
            return tokens == null ? Optional.empty() : tokens.currentToken(oidc);
        }
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            return Optional.of(user.apiToken());
        }
        return Optional.empty();
    }
}
