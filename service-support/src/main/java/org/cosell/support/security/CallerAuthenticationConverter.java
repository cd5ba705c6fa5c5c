package org.cosell.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a validated JWT into an authentication whose authorities are the Cosell roles. A token
 * without {@code sub}, or whose {@code partnerId} is not an MPN id (1 to 20 digits), cannot be scoped
 * to a partner, so it is refused as invalid (401) rather than let through. Roles Cosell does not know
 * are dropped.
 */
public class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String PARTNER_ID = "partnerId";
    static final String ROLES = "roles";

    private static final Pattern MPN_ID = Pattern.compile("[0-9]{1,20}");

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = callerOf(jwt);
        Collection<GrantedAuthority> authorities = caller.roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, caller.userId());
    }

    public static Caller callerOf(Jwt jwt) {
        String userId = jwt.getSubject();
        String partnerId = jwt.getClaimAsString(PARTNER_ID);
        if (isBlank(userId) || partnerId == null || !MPN_ID.matcher(partnerId).matches()) {
            throw new InvalidBearerTokenException("The token names no user (sub) or no MPN partner id (partnerId)");
        }
        return new Caller(userId, partnerId, rolesOf(jwt), jwt.getClaimAsString("email"), jwt.getClaimAsString("name"));
    }

    private static Set<Role> rolesOf(Jwt jwt) {
        List<String> claimed = jwt.hasClaim(ROLES) ? jwt.getClaimAsStringList(ROLES) : List.of();
        Set<String> known = Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toSet());
        return claimed.stream()
                .filter(known::contains)
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
