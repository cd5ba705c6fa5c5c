package org.cosell.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Verifies test tokens the way every service does: Spring Security's Nimbus decoder over the served JWKS. */
class TestJwtIssuerTest {

    private final TestJwtIssuer issuer = TestJwtIssuer.get();
    private final JwtDecoder decoder = decoderWithIssuerCheck();
    private final TestUser user = TestUser.referralsAdmin(Long.toString(System.nanoTime() % 10_000_000));

    @Test
    void aTokenVerifiesAgainstTheJwksServedOverHttpAndCarriesTheCaller() {
        Jwt jwt = decoder.decode(issuer.token(user));

        assertThat(jwt.getSubject()).isEqualTo(user.sub());
        assertThat(jwt.getClaimAsString("partnerId")).isEqualTo(user.partnerId());
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly(TestUser.REFERRALS_ADMIN);
        assertThat(jwt.getClaimAsString("email")).isEqualTo(user.email());
        assertThat(jwt.getClaimAsString("name")).isEqualTo(user.name());
        assertThat(jwt.getAudience()).containsExactly(TestJwtIssuer.AUDIENCE);
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt().plusSeconds(3599));
    }

    @Test
    void theJwksIsPlainJsonWithOnlyThePublicKey() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer.jwkSetUri())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"kty\":\"RSA\"", "\"kid\"", "\"n\"").doesNotContain("\"d\"");
    }

    @Test
    void bearerIsTheAuthorizationHeaderValue() {
        assertThat(issuer.bearer(user)).startsWith("Bearer ey");
    }

    @Test
    void usersAreUniqueAndCarryTheirRole() {
        TestUser admin = TestUser.partnerAdmin("4400001");

        assertThat(admin.roles()).containsExactly(TestUser.MPN_PARTNER_ADMIN);
        assertThat(admin.partnerId()).isEqualTo("4400001");
        assertThat(admin.sub()).isNotEqualTo(TestUser.partnerAdmin("4400001").sub());
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(issuer.expiredToken(user)))
                .withMessageContaining("expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        assertThatExceptionOfType(BadJwtException.class)
                .isThrownBy(() -> decoder.decode(issuer.tokenSignedByAnotherKey(user)))
                .withMessageContaining("signature");
    }

    @Test
    void aTrustedKeysTokenFromAnotherIssuerIsRefused() {
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(issuer.tokenFromAnotherIssuer(user, "https://login.evil.example/")))
                .withMessageContaining("iss");
    }

    @Test
    void audienceTokensDifferFromAGoodOneOnlyInTheirAudience() {
        Jwt withoutAudience = decoder.decode(issuer.tokenWithoutAudience(user));
        Jwt forAnotherAudience = decoder.decode(issuer.tokenForAudience(user, "another-api"));

        assertThat(withoutAudience.hasClaim("aud")).isFalse();
        assertThat(withoutAudience.getSubject()).isEqualTo(user.sub());
        assertThat(forAnotherAudience.getAudience()).containsExactly("another-api");
        assertThat(forAnotherAudience.getClaimAsString("partnerId")).isEqualTo(user.partnerId());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = issuer.unsignedToken(user);

        assertThat(unsigned).endsWith(".");
        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(unsigned));
    }

    private JwtDecoder decoderWithIssuerCheck() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
        nimbus.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestJwtIssuer.ISSUER));
        return nimbus;
    }
}
