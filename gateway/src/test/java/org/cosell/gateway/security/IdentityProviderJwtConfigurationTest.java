package org.cosell.gateway.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityProviderJwtConfigurationTest {

    final IdentityProviderJwtConfiguration configuration = new IdentityProviderJwtConfiguration();

    @Test
    void refusesToStartWithoutAnIdentityProvider() {
        assertThatIllegalStateException()
                .isThrownBy(() -> configuration.identityProviderJwtDecoder(new JwtProperties("", null)))
                .withMessageContaining("JWT_JWK_SET_URI");
    }

    @Test
    void acceptsAJwkSetUriOrAnIssuerAlone() {
        assertThat(configuration.identityProviderJwtDecoder(
                new JwtProperties("https://idp.example/keys", null))).isNotNull();
        assertThat(configuration.identityProviderJwtDecoder(
                new JwtProperties(null, "https://idp.example"))).isNotNull();
    }
}
