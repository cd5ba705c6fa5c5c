package org.cosell.portal.security;

import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The access token of a session signed in with OpenID Connect. One that expires within a minute is
 * refreshed first with the refresh token, when the provider issued one. Without one (or when the
 * provider refuses it) there is no token: the API answers 401 and the page sends the user to sign
 * in again and back, as for any token the API no longer takes.
 */
class OidcAccessTokens {

    private static final Logger log = LoggerFactory.getLogger(OidcAccessTokens.class);

    private final OAuth2AuthorizedClientManager manager;

    OidcAccessTokens(OAuth2AuthorizedClientManager manager) {
        this.manager = manager;
    }

    Optional<String> currentToken(OidcPortalAuthentication authentication) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes page)) {
            return Optional.empty();
        }
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest
                .withClientRegistrationId(OidcSignInConfiguration.REGISTRATION_ID)
                .principal(authentication)
                .attribute(HttpServletRequest.class.getName(), page.getRequest())
                .attribute(HttpServletResponse.class.getName(), page.getResponse())
                .build();
        OAuth2AuthorizedClient client;
        try {
            client = manager.authorize(request);
        }
        catch (OAuth2AuthorizationException e) {
            log.info("The identity provider refused to refresh {}'s access token: {}", authentication.getName(),
                    e.getError().getErrorCode());
            return Optional.empty();
        }
        if (client == null) {
            return Optional.empty();
        }
        OAuth2AccessToken token = client.getAccessToken();
        boolean expired = token.getExpiresAt() != null && !token.getExpiresAt().isAfter(Instant.now());
        return expired ? Optional.empty() : Optional.of(token.getTokenValue());
    }
}
