package org.cosell.support.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;

/**
 * Every service validates the JWT itself (the gateway's check is not trusted alone): the signature
 * against the keys of {@code JWT_JWK_SET_URI} (or, without it, the keys the issuer publishes), the
 * {@code iss} claim against {@code JWT_ISSUER_URI}, always, and the {@code aud} claim against
 * {@code JWT_AUDIENCE}: a token the same identity provider issued for another application is no
 * ticket to this one. A key set alone would accept any token its keys signed, whoever claims to have
 * issued it, so a service without an issuer refuses to start.
 * <p>
 * Every {@code /api/**} call needs one of the Cosell roles (403 otherwise); calls for one role only
 * check it themselves. The OpenAPI document is open. Actuator is open, but it is served only on the
 * management port ({@code MANAGEMENT_PORT}), which the gateway does not route. A token that passed is
 * remembered until it expires (at most 5 minutes), so its signature is checked once, not on every
 * call ({@link CachingJwtDecoder}).
 */
@AutoConfiguration
public class ResourceServerConfiguration {

    /** The issuer of the gateway's dev tokens, which anybody who reaches the gateway may mint. */
    static final String DEV_ISSUER = "cosell-local";

    private static final Logger log = LoggerFactory.getLogger(ResourceServerConfiguration.class);

    @Bean
    SecurityFilterChain resourceServerFilterChain(HttpSecurity http, JsonMapper jsonMapper) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(jsonMapper);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/**").hasAnyRole(roleNames())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    private static String[] roleNames() {
        return Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
                          @Value("${cosell.security.issuer-uri:}") String issuerUri,
                          @Value("${cosell.security.audience:cosell-api}") String audience,
                          @Value("${cosell.local-mode:false}") boolean localMode) {
        if (!StringUtils.hasText(issuerUri)) {
            throw new IllegalStateException(StringUtils.hasText(jwkSetUri)
                    ? "JWT_JWK_SET_URI is set but JWT_ISSUER_URI is not: set JWT_ISSUER_URI to the issuer (iss) "
                            + "of the tokens to accept (cosell-local for the gateway's dev tokens)"
                    : "No identity provider configured: set JWT_ISSUER_URI (and JWT_JWK_SET_URI unless the issuer "
                            + "publishes its keys), or JWT_JWK_SET_URI=http://localhost:8080/dev/jwks.json and "
                            + "JWT_ISSUER_URI=cosell-local for the gateway's dev tokens");
        }
        if (!StringUtils.hasText(audience)) {
            throw new IllegalStateException("JWT_AUDIENCE is empty: set it to the audience (aud) every token must name");
        }
        warnIfTrustingTheDevIssuer(issuerUri, localMode);
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(issuerUri), new JwtAudienceValidator(audience));
        if (!StringUtils.hasText(jwkSetUri)) {
            // The keys are discovered from the issuer on first use, so a service starts while the issuer is away.
            return new CachingJwtDecoder(new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder discovered = NimbusJwtDecoder.withIssuerLocation(issuerUri).build();
                discovered.setJwtValidator(validator);
                return discovered;
            }));
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder);
    }

    /**
     * The gateway's dev issuer signs a token for whoever asks, any partner, any role: trusting it is
     * right on a developer's machine and nowhere else, so outside local mode it is said loudly.
     */
    static boolean warnIfTrustingTheDevIssuer(String issuerUri, boolean localMode) {
        if (!DEV_ISSUER.equals(issuerUri) || localMode) {
            return false;
        }
        log.warn("!!! JWT_ISSUER_URI is {}: this service trusts the gateway's dev tokens, which anybody who reaches "
                + "the gateway can mint for any partner and role (admins included). Fine for a demo; in production "
                + "set JWT_ISSUER_URI and JWT_JWK_SET_URI to the real identity provider (COSELL_LOCAL_MODE=true "
                + "silences this on a developer's machine) !!!", DEV_ISSUER);
        return true;
    }

    /**
     * Spring Security's recommended observations: authentication and authorization, not every filter
     * of the chain (one observation, timer and span event per filter per request, for what the
     * {@code http.server.requests} observation already measures).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().build();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
