package org.cosell.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints RS256 tokens shaped like the gateway's dev issuer and serves the public key as a JWKS over
 * real HTTP, so services validate test tokens exactly as in production. Tokens carry real system
 * time, not the shared {@link MutableClock}: resource servers check {@code exp} against system time,
 * and a test that moves the clock by days must still be able to call the API.
 */
public final class TestJwtIssuer {

    public static final String ISSUER = "cosell-local";
    /** The audience the services expect by default ({@code JWT_AUDIENCE}). */
    public static final String AUDIENCE = "cosell-api";
    public static final String JWKS_PATH = "/jwks.json";

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static TestJwtIssuer instance;

    private final Clock clock = Clock.systemUTC();
    private final RSAKey signingKey;
    private final RSAKey foreignKey;
    private final HttpServer jwksServer;

    private TestJwtIssuer() {
        String keyId = "cosell-test-" + UUID.randomUUID();
        signingKey = generateKey(keyId);
        foreignKey = generateKey(keyId);
        jwksServer = serveJwks(new JWKSet(signingKey.toPublicJWK()).toString());
    }

    public static synchronized TestJwtIssuer get() {
        if (instance == null) {
            instance = new TestJwtIssuer();
        }
        return instance;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + JWKS_PATH;
    }

    public String token(TestUser user) {
        Instant now = clock.instant();
        return sign(claims(user, now, now.plus(LIFETIME)), signingKey);
    }

    /** The {@code Authorization} header value for {@code user}. */
    public String bearer(TestUser user) {
        return "Bearer " + token(user);
    }

    /** Expired an hour ago, well beyond any clock-skew allowance. */
    public String expiredToken(TestUser user) {
        Instant issuedAt = clock.instant().minus(LIFETIME.multipliedBy(2));
        return sign(claims(user, issuedAt, issuedAt.plus(LIFETIME)), signingKey);
    }

    /** Signed by a different key that claims the same key id, so only the signature check can refuse it. */
    public String tokenSignedByAnotherKey(TestUser user) {
        Instant now = clock.instant();
        return sign(claims(user, now, now.plus(LIFETIME)), foreignKey);
    }

    /** Signed by the trusted key but naming another issuer, so only the issuer check can refuse it. */
    public String tokenFromAnotherIssuer(TestUser user, String issuer) {
        Instant now = clock.instant();
        return sign(claims(user, issuer, now, now.plus(LIFETIME)), signingKey);
    }

    /** Signed by the trusted key but with no {@code aud}, so only the audience check can refuse it. */
    public String tokenWithoutAudience(TestUser user) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder(claims(user, now, now.plus(LIFETIME))).audience((String) null).build(),
                signingKey);
    }

    /** Signed by the trusted key but for another audience, so only the audience check can refuse it. */
    public String tokenForAudience(TestUser user, String audience) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder(claims(user, now, now.plus(LIFETIME))).audience(audience).build(),
                signingKey);
    }

    /** An unsecured JWT ({@code "alg": "none"}). */
    public String unsignedToken(TestUser user) {
        Instant now = clock.instant();
        return new PlainJWT(claims(user, now, now.plus(LIFETIME))).serialize();
    }

    private static JWTClaimsSet claims(TestUser user, Instant issuedAt, Instant expiresAt) {
        return claims(user, ISSUER, issuedAt, expiresAt);
    }

    private static JWTClaimsSet claims(TestUser user, String issuer, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(user.sub())
                .claim("partnerId", user.partnerId())
                .claim("roles", user.roles())
                .claim("email", user.email())
                .claim("name", user.name())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a test token", e);
        }
        return jwt.serialize();
    }

    private static RSAKey generateKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
    }

    private static HttpServer serveJwks(String jwks) {
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(JWKS_PATH, exchange -> respond(exchange, body));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "cosell-test-jwks-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serve the test JWKS", e);
        }
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(body);
        }
    }
}
