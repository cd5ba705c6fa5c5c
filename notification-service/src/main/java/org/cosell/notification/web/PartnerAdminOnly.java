package org.cosell.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cosell.support.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Set;

/**
 * Lets only {@code MPN_PARTNER_ADMIN} change what it guards. It runs before the handler reads and
 * validates the body, so a caller without the role gets 403 whatever it sends, never a 400 that
 * would tell it how to shape a request it may not make.
 */
class PartnerAdminOnly implements HandlerInterceptor {

    private static final Set<String> READS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
            HttpMethod.OPTIONS.name());

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod())) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> Role.MPN_PARTNER_ADMIN.authority().equals(authority.getAuthority()));
        if (!admin) {
            throw new AccessDeniedException("Only a partner admin may change notification settings");
        }
        return true;
    }
}
