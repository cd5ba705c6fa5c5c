package org.cosell.support.security;

/** The roles a Cosell token may carry in its {@code roles} claim. */
public enum Role {
    /** May work opportunities, change notification settings and the partner's solution catalog. */
    MPN_PARTNER_ADMIN,
    /** May work opportunities. */
    REFERRALS_ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
