package org.cosell.gateway.security;

import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a token must satisfy beyond its signature, the same for the dev issuer's and the identity
 * provider's tokens: in its lifetime, from the configured issuer, for the Cosell API ({@code aud};
 * a token the same provider issued for another application must not open this one), and naming a
 * partner (an MPN id, digits only). A token failing any of these is refused 401 before it is
 * remembered or rate-limited.
 */
public final class TokenValidators {

    public static final String PARTNER_ID_CLAIM = "partnerId";

    public static final String ROLES_CLAIM = "roles";

    private static final Pattern MPN_ID = Pattern.compile("[0-9]{1,20}");

    private TokenValidators() {
    }

    public static OAuth2TokenValidator<Jwt> forIssuerAndAudience(String issuer, String audience) {
        return JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                new JwtClaimValidator<Object>(PARTNER_ID_CLAIM,
                        partnerId -> partnerId instanceof String id && MPN_ID.matcher(id).matches()));
    }
}
