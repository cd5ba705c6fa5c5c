package org.cosell.support.security;

import org.cosell.contracts.common.Actor;

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

    /**
     * The calling person as events and an opportunity's history name them: the token's {@code sub},
     * shown by its {@code name}, else its {@code email}, else the {@code sub} itself, so that a
     * token without a name still shows someone.
     */
    public Actor actor() {
        return new Actor(userId, firstPresent(name, email, userId));
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
