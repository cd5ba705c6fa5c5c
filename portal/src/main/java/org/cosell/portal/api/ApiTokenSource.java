package org.cosell.portal.api;

import java.util.Optional;

/**
 * The signed-in user's API token, for the calls made on their behalf. It lives only in the
 * server-side session; the browser never sees it. The dev sign-in puts it in the session's
 * {@code PortalUser}; another way of signing in (OpenID Connect) supplies its own implementation,
 * or stores a {@code PortalUser} with the identity provider's access token the same way.
 */
public interface ApiTokenSource {

    /** The current request's user's bearer token; empty when nobody is signed in. */
    Optional<String> currentToken();
}
