package org.cosell.portal.security;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The page to go back to after signing in, kept in the session: the page that was asked for, or,
 * for a form sent or an htmx call, the page it was sent from. Only a path of this site is kept (no
 * scheme, no host, not {@code //}), so the sign-in can never send anybody elsewhere.
 */
public final class ReturnPath {

    static final String ATTRIBUTE = ReturnPath.class.getName();

    static final String HTMX_CURRENT_URL = "HX-Current-URL";

    private ReturnPath() {
    }

    /** Remembers where {@code request} was, in its session (a new one if it has none). */
    public static void remember(HttpServletRequest request) {
        pageOf(request).ifPresent(path -> request.getSession().setAttribute(ATTRIBUTE, path));
    }

    /** The remembered page, forgotten as it is read; {@code /opportunities} when there is none. */
    static String take(HttpSession session) {
        Object path = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return path instanceof String kept && isLocal(kept) ? kept : "/opportunities";
    }

    /** The page {@code request} was on: itself for a plain GET, else the page it was sent from (htmx or Referer). */
    public static Optional<String> pageOf(HttpServletRequest request) {
        if (HttpMethod.GET.matches(request.getMethod()) && request.getHeader("HX-Request") == null) {
            String query = request.getQueryString();
            return Optional.of(request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        String from = request.getHeader(HTMX_CURRENT_URL);
        if (from == null) {
            from = request.getHeader(HttpHeaders.REFERER);
        }
        return Optional.ofNullable(from).flatMap(ReturnPath::pathOf);
    }

    private static Optional<String> pathOf(String url) {
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath();
            if (path == null || path.isEmpty()) {
                return Optional.empty();
            }
            String page = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return isLocal(page) ? Optional.of(page) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isLocal(String path) {
        return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && !path.startsWith("/sign-in") && !path.startsWith("/sign-out");
    }
}
