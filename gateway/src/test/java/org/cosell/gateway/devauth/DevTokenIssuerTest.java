package org.cosell.gateway.devauth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokenIssuerTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final RSAKey signingKey = generateKey();

    final DevTokenIssuer issuer = new DevTokenIssuer(signingKey, "cosell-api", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signsWithRs256UnderTheKeysId() throws ParseException, JOSEException {
        SignedJWT token = SignedJWT.parse(issuer.issue(adminRequest()));

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(token.getHeader().getKeyID()).isEqualTo(signingKey.getKeyID());
        assertThat(token.verify(new RSASSAVerifier(signingKey.toPublicJWK()))).isTrue();
    }

    @Test
    void carriesTheRequestedIdentityForEightHours() throws ParseException {
        JWTClaimsSet claims = SignedJWT.parse(issuer.issue(adminRequest())).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo("cosell-local");
        assertThat(claims.getAudience()).containsExactly("cosell-api");
        assertThat(claims.getSubject()).isEqualTo("user-1");
        assertThat(claims.getStringClaim("partnerId")).isEqualTo("4412345");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MPN_PARTNER_ADMIN");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@contoso.example");
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada Lovelace");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-11-24T18:00:00Z")));
    }

    @Test
    void leavesOutWhatWasNotGiven() throws ParseException {
        JWTClaimsSet claims = SignedJWT.parse(issuer.issue(new DevTokenRequest("user-2", "4400002", null, null, null)))
                .getJWTClaimsSet();

        assertThat(claims.getStringListClaim("roles")).isEmpty();
        assertThat(claims.getClaims()).doesNotContainKeys("email", "name");
    }

    @Test
    void publishesOnlyThePublicKey() {
        assertThat(issuer.publicJwkSet().getKeys()).singleElement()
                .satisfies(key -> {
                    assertThat(key.isPrivate()).isFalse();
                    assertThat(key.getKeyID()).isEqualTo(signingKey.getKeyID());
                });
    }

    private static DevTokenRequest adminRequest() {
        return new DevTokenRequest("user-1", "4412345", List.of("MPN_PARTNER_ADMIN"), "ada@contoso.example",
                "Ada Lovelace");
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
