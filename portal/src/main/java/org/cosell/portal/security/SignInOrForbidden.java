package org.cosell.portal.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A form sent from a session that has since expired carries a CSRF token nobody knows any more:
 * that is an expired session, so sign-in follows (and then the page it was sent from). Anything
 * else refused is the forbidden page (403).
 */
class SignInOrForbidden implements AccessDeniedHandler {

    /** 403 through the servlet container's error page, which renders {@code error/403}. */
    private final AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        boolean sessionGone = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        if (denied instanceof CsrfException && sessionGone) {
            ReturnPath.remember(request);
            SignInEntryPoint.redirectToSignIn(request, response, SignInEntryPoint.SIGN_IN + "?expired");
            return;
        }
        forbidden.handle(request, response, denied);
    }
}
