package org.cosell.portal.security;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The OpenID Connect sign-in's part of the portal's security: the authorization code flow
 * ({@code /oauth2/authorization/cosell}, back at {@code /login/oauth2/code/cosell}), then a session
 * holding an {@link OidcPortalAuthentication} (the {@link PortalUser} the access token names) and
 * the page the user was on; signing out also ends the session at the provider when it supports
 * RP-initiated logout.
 */
class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    /** Where a sign-in that did not work ends: the sign-in page, saying so. */
    static final String FAILED = SignInEntryPoint.SIGN_IN + "?oidc-failed";

    private final ClientRegistrationRepository registrations;

    private final OAuth2AuthorizedClientRepository authorizedClients;

    private final AccessTokenClaims claims;

    private final SecurityContextRepository contexts;

    private final OidcUserService oidcUsers = new OidcUserService();

    OidcSignIn(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorizedClients,
               AccessTokenClaims claims, SecurityContextRepository contexts) {
        this.registrations = registrations;
        this.authorizedClients = authorizedClients;
        this.claims = claims;
        this.contexts = contexts;
    }

    void configure(HttpSecurity http) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler providerLogout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        providerLogout.setPostLogoutRedirectUri("{baseUrl}" + SignInEntryPoint.SIGN_IN + "?signed-out");
        providerLogout.setDefaultTargetUrl(SignInEntryPoint.SIGN_IN + "?signed-out");
        http
                .oauth2Login(login -> login
                        .loginPage(SignInEntryPoint.SIGN_IN)
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(this::loadUser))
                        .successHandler(this::signedIn)
                        .failureHandler(this::failed))
                .logout(logout -> logout.logoutSuccessHandler((request, response, authentication) ->
                        providerLogout.onLogoutSuccess(request, response,
                                authentication instanceof OidcPortalAuthentication oidc ? oidc.asOAuth2Login() : authentication)));
    }

    /**
     * The provider's origins, for the pages' {@code form-action}: signing out (a form) ends at the
     * provider's logout endpoint, a redirect the browser checks against it.
     */
    String formActionSources() {
        ClientRegistration provider = registrations.findByRegistrationId(OidcSignInConfiguration.REGISTRATION_ID);
        Set<String> origins = new LinkedHashSet<>();
        origins.add(originOf(provider.getProviderDetails().getAuthorizationUri()));
        Object endSession = provider.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endSession != null) {
            origins.add(originOf(endSession.toString()));
        }
        return origins.stream().map(origin -> " " + origin).collect(Collectors.joining());
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** The ID token's user, with the {@link PortalUser} its access token names; refused when the API would refuse the token. */
    private OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = oidcUsers.loadUser(request);
        return new CosellOidcUser(user, claims.userOf(request.getAccessToken().getTokenValue(), user));
    }

    private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        CosellOidcUser user = (CosellOidcUser) authentication.getPrincipal();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new OidcPortalAuthentication(user.portalUser(), user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        response.sendRedirect(request.getContextPath() + ReturnPath.take(request.getSession()));
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        String why = reason instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError().getErrorCode() + ": " + oauth2.getError().getDescription() : reason.getMessage();
        log.warn("OpenID Connect sign-in failed: {}", why);
        response.sendRedirect(request.getContextPath() + FAILED);
    }
}
