package org.cosell.portal.security;

import java.util.List;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Who the access token the provider issued says the user is, checked as the gateway checks it
 * (signature by the provider's keys, issuer, expiry, {@code aud} naming the API, an MPN
 * {@code partnerId}, a Cosell role). A sign-in whose token the API would refuse fails at once, with
 * a sentence, rather than every page answering "sign in again".
 */
class AccessTokenClaims {

    static final String REFUSED = "cosell_token_refused";

    private static final List<String> COSELL_ROLES = List.of(PortalUser.PARTNER_ADMIN, PortalUser.REFERRALS_ADMIN);

    private final NimbusJwtDecoder decoder;

    AccessTokenClaims(ClientRegistration provider, String audience) {
        String issuer = provider.getProviderDetails().getIssuerUri();
        decoder = NimbusJwtDecoder.withJwkSetUri(provider.getProviderDetails().getJwkSetUri()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(issuer), new JwtAudienceValidator(audience)));
    }

    /**
     * The user the access token names, with the token itself; name and e-mail from the ID token
     * when the access token has none.
     *
     * @throws OAuth2AuthenticationException when the API would refuse the token
     */
    PortalUser userOf(String accessToken, OidcUser signedIn) {
        Jwt token;
        try {
            token = decoder.decode(accessToken);
        }
        catch (JwtException e) {
            throw refused("the access token is not one the API accepts: " + e.getMessage());
        }
        if (!(token.getClaims().get("partnerId") instanceof String partnerId) || !partnerId.matches("[0-9]{1,20}")) {
            throw refused("the access token has no partnerId that is an MPN id (a string of digits)");
        }
        List<String> roles = token.hasClaim("roles") ? token.getClaimAsStringList("roles") : List.of();
        if (roles.stream().noneMatch(COSELL_ROLES::contains)) {
            throw refused("the access token has neither " + String.join(" nor ", COSELL_ROLES) + " in roles");
        }
        String name = firstOf(token.getClaimAsString("name"), signedIn.getFullName(), token.getSubject());
        String email = firstOf(token.getClaimAsString("email"), signedIn.getEmail(), "");
        return new PortalUser(partnerId, token.getSubject(), name, email, roles, accessToken);
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(REFUSED, why, null), why);
    }
}
