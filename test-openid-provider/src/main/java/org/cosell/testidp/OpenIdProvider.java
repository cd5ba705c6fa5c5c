package org.cosell.testidp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID provider for tests: Spring Authorization Server on a random port of 127.0.0.1, in a
 * Spring context of its own (its own package, so no application's component scan finds it), with
 * Boot's default authorization server security (login form, OIDC discovery, JWKS, RP-initiated
 * logout), one user and one confidential client. Access tokens carry the claims Cosell's API needs,
 * as {@link #accessTokenClaims} says at the moment a token is issued.
 */
public final class OpenIdProvider implements AutoCloseable {

    public static final String CLIENT_ID = "cosell-portal";

    public static final String CLIENT_SECRET = "portal-secret";

    public static final String USERNAME = "ada";

    public static final String PASSWORD = "lovelace-1815";

    /**
     * Shorter than the minute before expiry at which the portal refreshes a token, so every page
     * after the sign-in refreshes it: what a long session meets once an hour, here on every call.
     */
    public static final Duration ACCESS_TOKEN_TIME_TO_LIVE = Duration.ofSeconds(30);

    /** The claims the next access tokens get besides {@code iss}, {@code sub}, {@code exp}…; tests change them. */
    public final Map<String, Object> accessTokenClaims = new ConcurrentHashMap<>();

    /** The grant of each access token issued, in order: {@code authorization_code}, then {@code refresh_token}s. */
    public final List<String> accessTokenGrants = new CopyOnWriteArrayList<>();

    private final ConfigurableApplicationContext context;

    private OpenIdProvider() {
        context = new SpringApplicationBuilder(ProviderConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        // none of the application's own configuration (application.yml) applies to it
                        "spring.config.name", "cosell-test-openid-provider",
                        "server.address", "127.0.0.1",
                        "server.port", "0",
                        "spring.main.banner-mode", "off",
                        "spring.thymeleaf.check-template-location", "false"))
                .initializers(context -> context.getBeanFactory().registerSingleton("openIdProvider", this))
                .run();
        reset();
    }

    public static OpenIdProvider start() {
        return new OpenIdProvider();
    }

    /** The issuer: the address the provider answers on (its {@code iss} follows the request's). */
    public String issuer() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Back to the start: the portal's client as registered above, tokens with the claims the API
     * needs, none issued yet.
     */
    public void reset() {
        context.getBean(RegisteredClientRepository.class).save(portalClient(true, ACCESS_TOKEN_TIME_TO_LIVE));
        accessTokenClaims.clear();
        accessTokenClaims.put("aud", List.of("cosell-api"));
        accessTokenClaims.put("partnerId", "4412345");
        accessTokenClaims.put("roles", List.of("REFERRALS_ADMIN"));
        accessTokenClaims.put("email", "ada@fabrikam.example");
        accessTokenClaims.put("name", "Ada Lovelace");
        accessTokenGrants.clear();
    }

    /** From now on the portal gets no refresh tokens, and access tokens that live {@code timeToLive}. */
    public void issueNoRefreshTokens(Duration timeToLive) {
        context.getBean(RegisteredClientRepository.class).save(portalClient(false, timeToLive));
    }

    /**
     * The portal, redirected back to on any port of 127.0.0.1 (a loopback redirect URI matches
     * whatever port the portal got, RFC 8252).
     */
    static RegisteredClient portalClient(boolean refreshTokens, Duration accessTokenTimeToLive) {
        RegisteredClient.Builder portal = RegisteredClient.withId(CLIENT_ID)
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/cosell")
                .postLogoutRedirectUri("http://127.0.0.1/sign-in?signed-out")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenTimeToLive).build());
        if (refreshTokens) {
            portal.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
        }
        return portal.build();
    }

    @Override
    public void close() {
        SpringApplication.exit(context);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ProviderConfiguration {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USERNAME).password("{noop}" + PASSWORD)
                    .roles("USER").build());
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(portalClient(true, ACCESS_TOKEN_TIME_TO_LIVE));
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> cosellClaims(OpenIdProvider provider) {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    provider.accessTokenGrants.add(context.getAuthorizationGrantType().getValue());
                    context.getClaims().claims(claims -> {
                        claims.remove("aud");
                        claims.putAll(provider.accessTokenClaims);
                    });
                }
            };
        }
    }
}
