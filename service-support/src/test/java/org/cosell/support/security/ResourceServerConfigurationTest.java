package org.cosell.support.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service starts only when it knows whose tokens to accept: a key set alone is not enough; and it
 * says loudly when it trusts the dev issuer outside local mode.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResourceServerConfigurationTest {

    private static final String DEV_ISSUER_WARNING = "anybody who reaches the gateway can mint";

    private static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=";
    private static final String ISSUER_URI = "cosell.security.issuer-uri=";

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withUserConfiguration(WebSecurity.class, ResourceServerConfiguration.class);

    @Test
    void refusesToStartWithAKeySetButNoIssuer() {
        contexts.withPropertyValues(JWK_SET_URI + "http://localhost:8080/dev/jwks.json").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("JWT_JWK_SET_URI is set but JWT_ISSUER_URI is not");
        });
    }

    @Test
    void refusesToStartWithoutAnIdentityProvider() {
        contexts.withPropertyValues(JWK_SET_URI, ISSUER_URI + " ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("No identity provider configured")
                    .hasMessageContaining("JWT_ISSUER_URI")
                    .hasMessageContaining("JWT_JWK_SET_URI");
        });
    }

    @Test
    void startsWithAKeySetAndAnIssuer() {
        contexts.withPropertyValues(JWK_SET_URI + "http://localhost:8080/dev/jwks.json", ISSUER_URI + "cosell-local")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Test
    void startsWithAnIssuerAloneWithoutReachingItYet() {
        contexts.withPropertyValues(ISSUER_URI + "https://login.invalid/tenant")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Test
    void warnsLoudlyWhenItTrustsTheDevIssuerOutsideLocalMode(CapturedOutput output) {
        contexts.withPropertyValues(JWK_SET_URI + "http://localhost:8080/dev/jwks.json", ISSUER_URI + "cosell-local")
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output).containsOnlyOnce(DEV_ISSUER_WARNING).contains("WARN");
    }

    @Test
    void staysQuietAboutTheDevIssuerInLocalModeAndAboutARealIssuer(CapturedOutput output) {
        contexts.withPropertyValues(JWK_SET_URI + "http://localhost:8080/dev/jwks.json", ISSUER_URI + "cosell-local",
                "cosell.local-mode=true").run(context -> assertThat(context).hasNotFailed());
        contexts.withPropertyValues(ISSUER_URI + "https://login.invalid/tenant")
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output).doesNotContain(DEV_ISSUER_WARNING);
    }

    @Test
    void refusesToStartWithAnEmptyAudience() {
        contexts.withPropertyValues(ISSUER_URI + "https://login.invalid/tenant", "cosell.security.audience= ")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("JWT_AUDIENCE"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class WebSecurity {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }
}
