package org.cosell.portal.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local sign-in ({@code DEV_SIGN_IN_ENABLED}): a form that gets a token for any partner and
 * role from the gateway's dev issuer. Only for a gateway that issues them ({@code DEV_AUTH_ENABLED}).
 */
@ConfigurationProperties("cosell.portal.dev-sign-in")
public record DevSignInProperties(boolean enabled) {
}
