package org.cosell.portal.security;

import java.io.Serializable;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in, kept in the server-side session, with the bearer token the portal calls the API
 * with for them. {@link #toString()} leaves the token out, so no log line or error page can show it.
 */
public record PortalUser(String partnerId, String subject, String name, String email, List<String> roles,
                         String apiToken) implements Serializable {

    public static final String PARTNER_ADMIN = "MPN_PARTNER_ADMIN";

    public static final String REFERRALS_ADMIN = "REFERRALS_ADMIN";

    public PortalUser {
        roles = List.copyOf(roles);
    }

    /** Who is signed in on the current request, or null. */
    public static PortalUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof PortalUser user ? user : null;
    }

    public boolean isPartnerAdmin() {
        return roles.contains(PARTNER_ADMIN);
    }

    @Override
    public String toString() {
        return "PortalUser[partnerId=" + partnerId + ", subject=" + subject + ", roles=" + roles + "]";
    }
}
