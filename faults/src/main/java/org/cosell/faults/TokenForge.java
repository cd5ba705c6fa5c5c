package org.cosell.faults;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosell.stack.DevIssuer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes JWTs the gateway never issued: signed RS256 with a key of the suite's own, or not signed at
 * all. The services may be told to trust this key ({@link TrustedKeys}), as they would trust a
 * production identity provider, so that an expired or wrong-issuer token is refused for its claims
 * and not merely for an unknown signature.
 */
final class TokenForge {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final KeyPair keys;
    private final JsonMapper json = JsonMapper.builder().build();

    TokenForge(String keyId) {
        this.keyId = keyId;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a JWK, for a JWK set. */
    Map<String, Object> publicJwk() {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(publicKey.getModulus()));
        jwk.put("e", unsigned(publicKey.getPublicExponent()));
        return jwk;
    }

    /** Claims as the gateway writes them, with the given issuer and expiry, for the API's audience. */
    static Map<String, Object> claims(String issuer, String sub, String partnerId, List<String> roles, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", DevIssuer.AUDIENCE);
        claims.put("sub", sub);
        claims.put("iat", expiresAt.minusSeconds(3600).getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        if (partnerId != null) {
            claims.put("partnerId", partnerId);
        }
        claims.put("roles", roles);
        return claims;
    }

    /** The same claims for another audience, or for none when {@code audience} is null. */
    static Map<String, Object> forAudience(Map<String, Object> claims, String audience) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        if (audience == null) {
            changed.remove("aud");
        } else {
            changed.put("aud", audience);
        }
        return changed;
    }

    String signed(Map<String, Object> claims) {
        return signed(keyId, claims);
    }

    /** Signed with this forge's key but naming another key id (e.g. the gateway's). */
    String signed(String claimedKeyId, Map<String, Object> claims) {
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", claimedKeyId);
        String signingInput = part(header) + "." + part(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    String unsigned(Map<String, Object> claims) {
        return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
    }

    /** A real token whose signature has one character changed. */
    static String tampered(String token) {
        int signatureStart = token.lastIndexOf('.') + 1;
        int index = signatureStart + (token.length() - signatureStart) / 2;
        char replacement = token.charAt(index) == 'A' ? 'B' : 'A';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }

    /** A real token with its payload swapped for other claims, keeping the original signature. */
    String withClaims(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    private String part(Object value) {
        return BASE64URL.encodeToString(json.writeValueAsBytes(value));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
