package org.cosell.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Tokens made the way an identity provider (or an attacker) would make them. */
final class TestTokens {

    private TestTokens() {
    }

    static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String AUDIENCE = "cosell-api";

    static final String PARTNER = "4412345";

    /** A referrals admin of {@link #PARTNER} for the Cosell API: every claim a valid token needs. */
    static JWTClaimsSet claims(String issuer, Instant issuedAt, Duration lifetime) {
        return builder(issuer, issuedAt, lifetime).build();
    }

    static JWTClaimsSet.Builder builder(String issuer, Instant issuedAt, Duration lifetime) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject("user-1")
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .claim("partnerId", PARTNER)
                .claim("roles", List.of("REFERRALS_ADMIN"));
    }

    static String signed(RSAKey key, JWTClaimsSet claims) {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            token.sign(new RSASSASigner(key));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    /** {@code alg: none}: claims without a signature. */
    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
