package org.cosell.testsupport;

import java.util.List;
import java.util.UUID;

/** The caller a test token speaks for; the factories make a new, unique {@code sub} each call. */
public record TestUser(String sub, String partnerId, List<String> roles, String email, String name) {

    public static final String MPN_PARTNER_ADMIN = "MPN_PARTNER_ADMIN";
    public static final String REFERRALS_ADMIN = "REFERRALS_ADMIN";

    public TestUser {
        roles = List.copyOf(roles);
    }

    public static TestUser referralsAdmin(String partnerId) {
        return unique("referrals-admin", "Referrals Admin", partnerId, REFERRALS_ADMIN);
    }

    public static TestUser partnerAdmin(String partnerId) {
        return unique("partner-admin", "Partner Admin", partnerId, MPN_PARTNER_ADMIN);
    }

    private static TestUser unique(String kind, String name, String partnerId, String role) {
        String sub = kind + "-" + UUID.randomUUID();
        return new TestUser(sub, partnerId, List.of(role), sub + "@example.com", name);
    }
}
