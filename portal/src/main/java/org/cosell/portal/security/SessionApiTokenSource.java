package org.cosell.portal.security;

import java.util.Optional;

import org.cosell.portal.api.ApiTokenSource;

import org.springframework.stereotype.Component;

/** The token of the {@link PortalUser} the session's security context holds. */
@Component
class SessionApiTokenSource implements ApiTokenSource {

    @Override
    public Optional<String> currentToken() {
        return Optional.ofNullable(PortalUser.current()).map(PortalUser::apiToken);
    }
}
