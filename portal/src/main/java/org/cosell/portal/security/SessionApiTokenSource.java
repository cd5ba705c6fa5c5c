package org.cosell.portal.security;

import java.util.Optional;

import org.cosell.portal.api.ApiTokenSource;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The token of the {@link PortalUser} the session's security context holds. */
@Component
class SessionApiTokenSource implements ApiTokenSource {

    @Override
    public Optional<String> currentToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            return Optional.of(user.apiToken());
        }
        return Optional.empty();
    }
}
