package org.cosell.portal.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * OpenID Connect sign-in, on when {@code OIDC_ISSUER_URI} is set ({@link OidcSignInProperties}).
 * The provider's endpoints come from its discovery document, read at start: a portal that cannot
 * reach its identity provider does not start, rather than failing every sign-in later.
 *
 * <p>The authorized client (access, refresh and ID tokens) is kept in the HTTP session, beside the
 * signed-in user, so a shared session store carries both to every replica.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${cosell.portal.oidc.issuer-uri:}'.trim() != ''")
class OidcSignInConfiguration {

    /** The registration's id, and the last part of the redirect URI {@code /login/oauth2/code/cosell}. */
    static final String REGISTRATION_ID = "cosell";

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OidcSignInProperties oidc) {
        if (oidc.clientId() == null || oidc.clientId().isBlank()) {
            throw new IllegalStateException("OIDC_ISSUER_URI is set but OIDC_CLIENT_ID is not: the portal needs the "
                    + "client id (and OIDC_CLIENT_SECRET) it is registered with at the identity provider");
        }
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuerUri().strip())
                .registrationId(REGISTRATION_ID)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .scope(oidc.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                // PKCE for this confidential client too: a stolen authorization code is worth nothing alone
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Answers the session's access token, refreshed with its refresh token when it is about to expire. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }

    @Bean
    AccessTokenClaims accessTokenClaims(ClientRegistrationRepository registrations, OidcSignInProperties oidc) {
        return new AccessTokenClaims(registrations.findByRegistrationId(REGISTRATION_ID), oidc.audience());
    }

    @Bean
    OidcSignIn oidcSignIn(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorizedClients,
                          AccessTokenClaims claims, SecurityContextRepository contexts) {
        return new OidcSignIn(registrations, authorizedClients, claims, contexts);
    }

    @Bean
    OidcAccessTokens oidcAccessTokens(OAuth2AuthorizedClientManager manager) {
        return new OidcAccessTokens(manager);
    }
}
