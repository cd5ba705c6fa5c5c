package org.cosell.portal.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.TabCounts;
import org.cosell.portal.security.PortalUser;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Opportunities page's four tab counts, kept in the session for {@link #TIME_TO_LIVE}: paging,
 * sorting, searching, switching tabs or coming back to the list reuse them instead of asking the
 * API again, which costs the API a pass over the partner's opportunities wherever no index serves
 * it. Whatever the user sends (every form and htmx call is a POST, PUT, PATCH or DELETE) drops
 * them, so the user's own changes show at once; other people's within {@link #TIME_TO_LIVE}. They
 * are kept for one signed-in user: a session that changes hands asks again.
 */
@Component
class TabCountsCache implements HandlerInterceptor, WebMvcConfigurer {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(15);

    private static final String ATTRIBUTE = TabCountsCache.class.getName();

    private final CosellApi api;

    private final Clock clock;

    TabCountsCache(CosellApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    TabCounts counts(HttpSession session) {
        PortalUser user = PortalUser.current();
        if (user == null) {
            return api.tabCounts();
        }
        Instant now = clock.instant();
        if (session.getAttribute(ATTRIBUTE) instanceof Kept kept && kept.isFor(user) && now.isBefore(kept.until())) {
            return kept.counts();
        }
        TabCounts counts = api.tabCounts();
        session.setAttribute(ATTRIBUTE, new Kept(user.partnerId(), user.subject(), counts, now.plus(TIME_TO_LIVE)));
        return counts;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
        }
        return true;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    private record Kept(String partnerId, String subject, TabCounts counts, Instant until) {

        boolean isFor(PortalUser user) {
            return partnerId.equals(user.partnerId()) && subject.equals(user.subject());
        }
    }
}
