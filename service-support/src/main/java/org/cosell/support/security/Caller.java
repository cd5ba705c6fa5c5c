package org.cosell.support.security;

import java.util.Set;

/**
 * Who is calling, taken from the validated JWT only: a request body or parameter never decides
 * the partner or the roles.
 */
public record Caller(String userId, String partnerId, Set<Role> roles, String email, String name) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
