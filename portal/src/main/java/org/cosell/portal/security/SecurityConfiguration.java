package org.cosell.portal.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Every page needs a signed-in session; the assets and the sign-in page do not, nor do the probes
 * and metrics, which only the management port serves. Every form (and every htmx call, through
 * the {@code X-CSRF-TOKEN} header the layout sets) carries the session's CSRF token. Signing out
 * ({@code POST /sign-out}) ends the session and deletes its cookie.
 *
 * <p>How a session gets its user is up to a sign-in: {@link DevSignInController} (local) stores a
 * {@link PortalAuthentication} through {@link #securityContextRepository()}; an OpenID Connect
 * login would add {@code oauth2Login} here and store the same.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String SESSION_COOKIE = "COSELL_SESSION";

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** A bean so that signing in can replace the token the sign-in form was sent with. */
    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, SecurityContextRepository contexts, CsrfTokenRepository csrfTokens)
            throws Exception {
        return http
                .securityContext(context -> context.securityContextRepository(contexts))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                // where to go back to after signing in is ReturnPath's, with pages of this site only
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .requestMatchers("/assets/**", SignInEntryPoint.SIGN_IN, "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/settings", "/settings/**").hasAuthority(PortalUser.PARTNER_ADMIN)
                        .anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(new SignInEntryPoint())
                        .accessDeniedHandler(new SignInOrForbidden()))
                .logout(logout -> logout
                        .logoutUrl("/sign-out")
                        .logoutSuccessUrl(SignInEntryPoint.SIGN_IN + "?signed-out")
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies(SESSION_COOKIE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'")))
                .build();
    }
}
