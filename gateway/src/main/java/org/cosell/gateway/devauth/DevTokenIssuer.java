package org.cosell.gateway.devauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs RS256 tokens carrying the claims every Cosell service reads, for the configured audience. */
public class DevTokenIssuer {

    public static final String ISSUER = "cosell-local";

    public static final Duration LIFETIME = Duration.ofHours(8);

    private final RSAKey signingKey;

    private final String audience;

    private final JWSSigner signer;

    private final Clock clock;

    public DevTokenIssuer(RSAKey signingKey, String audience, Clock clock) {
        this.signingKey = signingKey;
        this.audience = audience;
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(signingKey);
        }
        catch (JOSEException e) {
            throw new IllegalArgumentException("Not an RSA signing key", e);
        }
    }

    public String issue(DevTokenRequest request) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(request.sub())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("partnerId", request.partnerId())
                .claim("roles", request.roles());
        if (request.email() != null) {
            claims.claim("email", request.email());
        }
        if (request.name() != null) {
            claims.claim("name", request.name());
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build();
        SignedJWT token = new SignedJWT(header, claims.build());
        try {
            token.sign(signer);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
        return token.serialize();
    }

    /** The public half only: what services need to verify the tokens. */
    public JWKSet publicJwkSet() {
        return new JWKSet(signingKey.toPublicJWK());
    }
}
