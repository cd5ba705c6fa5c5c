package org.cosell.gateway.security;

import java.util.Optional;
import java.util.Set;

import org.cosell.gateway.limits.EarlyRefusals;
import org.cosell.gateway.limits.RateLimitFilter;
import org.cosell.gateway.problem.ProblemDetailWriter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Every {@code /api/**} call needs a valid token carrying one of the two Cosell roles; the services
 * check roles (per call) and partner scope again, the gateway refuses what no call would accept
 * before it costs a service anything. API docs and the local token issuer are open, and so are the
 * probes and metrics, which only the management port serves, and the portal's pages, which sign
 * their users in themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** A token with neither may call nothing under {@code /api}. */
    static final String[] API_ROLES = { "MPN_PARTNER_ADMIN", "REFERRALS_ADMIN" };

    private static final Set<String> API_ROLE_NAMES = Set.of(API_ROLES);

    /** The {@code roles} claim as the authorities, as they are named ({@code MPN_PARTNER_ADMIN}). */
    private static final JwtGrantedAuthoritiesConverter ROLES = rolesConverter();

    private static final String[] OPEN_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/dev/token", "/dev/jwks.json"
    };

    /**
     * The portal's pages (routed to it in {@code application.yml}): a browser carries no bearer token;
     * the portal checks its own session and calls the API back through the gateway with the user's.
     */
    static final String[] PORTAL_PATHS = {
            "/", "/opportunities", "/opportunities/**", "/deals", "/deals/**", "/insights", "/insights/**",
            "/settings", "/settings/**", "/sign-in", "/sign-in/**", "/sign-out", "/assets/**", "/login/**",
            "/oauth2/**", "/favicon.ico"
    };

    /**
     * Authentication observed (the token check is the gateway's own work), not authorization (here
     * "authenticated or open path", nothing worth a timer and a span per request) nor every filter of
     * the chain (one observation per filter per request, for what {@code http.server.requests}
     * already measures).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .shouldObserveAuthorizations(false)
                .build();
    }

    /**
     * With the rate limiter on, a call over its limit whose token the gateway already accepted is
     * refused as soon as its request head is read, before the web stack and this chain
     * ({@link EarlyRefusals}).
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "cosell.rate-limit.enabled", matchIfMissing = true)
    NettyServerCustomizer earlyRateLimitRefusals(RateLimitFilter limits, CachingReactiveJwtDecoder tokens,
                                                 ProblemDetailWriter problems) {
        EarlyRefusals refusals = EarlyRefusals.of(limits, token -> acceptedForApi(tokens, token), problems);
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> refusals.addTo(channel.pipeline()));
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemDetailsSecurityHandler problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPEN_PATHS).permitAll()
                        .pathMatchers(PORTAL_PATHS).permitAll()
                        .pathMatchers("/api/**").hasAnyAuthority(API_ROLES)
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAsAuthorities()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * A token the decoder has accepted and whose roles this chain would let call {@code /api/**}: by
     * the same rule as {@code hasAnyAuthority(API_ROLES)} on the same authorities.
     */
    private static Optional<Jwt> acceptedForApi(CachingReactiveJwtDecoder tokens, String token) {
        return tokens.accepted(token).filter(jwt -> ROLES.convert(jwt).stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(API_ROLE_NAMES::contains));
    }

    private static ReactiveJwtAuthenticationConverterAdapter rolesAsAuthorities() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(ROLES);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static JwtGrantedAuthoritiesConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(TokenValidators.ROLES_CLAIM);
        roles.setAuthorityPrefix("");
        return roles;
    }
}
