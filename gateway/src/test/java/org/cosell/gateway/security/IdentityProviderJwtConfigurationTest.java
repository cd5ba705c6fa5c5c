package org.cosell.gateway.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityProviderJwtConfigurationTest {

    final IdentityProviderJwtConfiguration configuration = new IdentityProviderJwtConfiguration();

    @Test
    void refusesToStartWithoutAnIdentityProvider() {
        assertThatIllegalStateException()
                .isThrownBy(() -> configuration.identityProviderJwtDecoder(new JwtProperties("", null, "cosell-api")))
                .withMessageContaining("JWT_ISSUER_URI")
                .withMessageContaining("JWT_JWK_SET_URI");
    }

    @Test
    void refusesToStartWithAKeySetButNoIssuer() {
        assertThatIllegalStateException()
                .isThrownBy(() -> configuration.identityProviderJwtDecoder(
                        new JwtProperties("https://idp.example/keys", " ", "cosell-api")))
                .withMessageContaining("JWT_JWK_SET_URI is set but JWT_ISSUER_URI is not");
    }

    @Test
    void acceptsAnIssuerWithOrWithoutAKeySet() {
        assertThat(configuration.identityProviderJwtDecoder(
                new JwtProperties("https://idp.example/keys", "https://idp.example", "cosell-api"))).isNotNull();
        assertThat(configuration.identityProviderJwtDecoder(
                new JwtProperties(null, "https://idp.example", "cosell-api"))).isNotNull();
    }
}
